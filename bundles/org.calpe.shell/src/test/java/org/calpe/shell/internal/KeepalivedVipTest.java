package org.calpe.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeepalivedVipTest {
    @Test
    void formatsAsKeepalivedDoes() {
        assertEquals("198.18.0.1/24 dev eth0 scope global set", KeepalivedVip.format("198.18.0.1/24", "eth0", true));
        assertEquals("198.18.0.1 dev eth0 scope global", KeepalivedVip.format("198.18.0.1/32", "eth0", false));
        assertEquals("198.18.0.1/24 brd 198.18.0.255 dev eth1 scope link label eth1:a no_track",
                KeepalivedVip.format("198.18.0.1/24 label eth1:a dev eth1 scope link brd + no_track", "eth0",
                        false));
        assertEquals("198.18.0.9/29 brd 198.18.0.8 dev eth0 scope global",
                KeepalivedVip.format("198.18.0.9/29 brd -", "eth0", false));
        assertEquals("2001:db8::1/64 dev eth0 scope global preferred_lft forever",
                KeepalivedVip.format("2001:db8::1/64", "eth0", false));
        assertEquals("2001:db8::1 dev eth0 scope global deprecated set",
                KeepalivedVip.format("2001:db8::1", "eth0", true));
        assertEquals("2001:db8::1 dev eth0 scope global preferred_lft 30",
                KeepalivedVip.format("2001:db8::1 preferred_lft 30", "eth0", false));
    }
}
