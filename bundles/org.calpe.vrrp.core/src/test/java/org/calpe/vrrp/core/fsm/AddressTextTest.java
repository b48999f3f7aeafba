package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void printsLikeInetNtop() {
        assertEquals("198.18.0.1", AddressText.of(TestNode.ip("198.18.0.1")));
        assertEquals("2001:db8::2", AddressText.of(TestNode.ip("2001:db8:0:0:0:0:0:2")));
        assertEquals("fe80::1:0:0:2", AddressText.of(TestNode.ip("fe80:0:0:0:1:0:0:2")));
        assertEquals("2001:db8:0:1:1:1:1:1", AddressText.of(TestNode.ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", AddressText.of(TestNode.ip("::")));
    }

    @Test
    void comparesUnsignedMostSignificantFirst() {
        assertEquals(1, AddressText.compare(TestNode.ip("198.18.0.200"), TestNode.ip("198.18.0.1")));
        assertEquals(-1, AddressText.compare(TestNode.ip("10.0.0.1"), TestNode.ip("198.18.0.1")));
        assertEquals(0, AddressText.compare(TestNode.ip("198.18.0.1"), TestNode.ip("198.18.0.1")));
        assertEquals(0, AddressText.compare(TestNode.ip("198.18.0.1"), TestNode.ip("2001:db8::1")));
        assertEquals(0, AddressText.compare(TestNode.ip("198.18.0.1"), null));
    }
}
