package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void macRoundTrip() {
        MacAddress m = MacAddress.parse("00:00:5e:00:01:33");
        assertEquals("00:00:5e:00:01:33", m.toString());
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 1, 0x33}, m.toBytes());
        assertEquals(m, MacAddress.of(m.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("00:00:5e"));
    }

    @Test
    void specValidation() throws Exception {
        VrrpSocketSpec v4 = VrrpSocketSpec.vrrpMulticast(NetNamespace.named("x"), IpFamily.INET, "eth0");
        assertEquals(InetAddress.getByName("224.0.0.18"), v4.multicastGroup());
        assertEquals(255, v4.ttl());
        assertEquals(true, v4.headerIncluded());
        VrrpSocketSpec v6 = VrrpSocketSpec.vrrpMulticast(NetNamespace.CURRENT, IpFamily.INET6, "eth0");
        assertEquals(InetAddress.getByName("ff02::12"), v6.multicastGroup());
        assertEquals(false, v6.headerIncluded());
        assertThrows(IllegalArgumentException.class, () -> v6.withHeaderIncluded(true));
        assertThrows(IllegalArgumentException.class, () -> v4.withBindAddress(InetAddress.getByName("2001:db8::1")));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.named("../etc"));
    }

    @Test
    void addressValidation() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of(1, InetAddress.getByName("198.18.0.1"), 33));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceAddress(1,
                InetAddress.getByName("198.18.0.1"), 24, InetAddress.getByName("2001:db8::ff"), null, 0, false, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new InterfaceAddress(1,
                InetAddress.getByName("198.18.0.1"), 24, null, "a-label-that-is-too-long", 0, false, false, 0));
    }
}
