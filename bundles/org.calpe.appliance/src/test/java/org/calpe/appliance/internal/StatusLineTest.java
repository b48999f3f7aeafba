package org.calpe.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.calpe.appliance.api.HostCapabilities;
import org.calpe.appliance.api.Role;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static final Path STATE = Path.of("/var/lib/calpe/lb1");

    @Test
    void rootWithoutKernelIpvs() {
        assertEquals("Calpe runtime: role all, uid 0 (root), CAP_NET_RAW yes, CAP_NET_ADMIN yes; VRRP can run; "
                + "kernel IPVS CANNOT run (no /proc/net/ip_vs: kernel without IP_VS); state /var/lib/calpe/lb1",
                StatusLine.format(new HostCapabilities(0, true, true, false), Role.ALL, STATE));
    }

    @Test
    void unprivilegedUserIsToldPlainly() {
        assertEquals("Calpe runtime: role all, uid 1000, CAP_NET_RAW no, CAP_NET_ADMIN no; "
                + "VRRP CANNOT run (needs root, or CAP_NET_RAW and CAP_NET_ADMIN); "
                + "kernel IPVS CANNOT run (needs root or CAP_NET_ADMIN); state /var/lib/calpe/lb1",
                StatusLine.format(new HostCapabilities(1000, false, false, true), Role.ALL, STATE));
    }

    @Test
    void roleLimitsWhatIsReported() {
        assertEquals("Calpe runtime: role vrrp, uid unknown, CAP_NET_RAW yes, CAP_NET_ADMIN yes; VRRP can run; "
                + "checkers and IPVS not run (role vrrp); state /var/lib/calpe/lb1",
                StatusLine.format(new HostCapabilities(-1, true, true, true), Role.VRRP, STATE));
        assertEquals("Calpe runtime: role check, uid 0 (root), CAP_NET_RAW yes, CAP_NET_ADMIN yes; "
                + "VRRP not run (role check); kernel IPVS can run; state /var/lib/calpe/lb1",
                StatusLine.format(new HostCapabilities(0, true, true, true), Role.CHECK, STATE));
    }
}
