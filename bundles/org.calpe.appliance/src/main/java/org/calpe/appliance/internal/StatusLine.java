package org.calpe.appliance.internal;

import java.nio.file.Path;

import org.calpe.appliance.api.HostCapabilities;
import org.calpe.appliance.api.Role;

/** Formats the start-up line that tells the operator which parts of Calpe can run on this host. */
final class StatusLine {
    private StatusLine() {
    }

    static String format(HostCapabilities caps, Role role, Path stateDir) {
        StringBuilder sb = new StringBuilder("Calpe runtime: role ").append(role)
                .append(", uid ").append(caps.effectiveUid() < 0 ? "unknown" : Long.toString(caps.effectiveUid()))
                .append(caps.root() ? " (root)" : "")
                .append(", CAP_NET_RAW ").append(yesNo(caps.netRaw()))
                .append(", CAP_NET_ADMIN ").append(yesNo(caps.netAdmin()))
                .append("; ").append(vrrp(caps, role))
                .append("; ").append(ipvs(caps, role))
                .append("; state ").append(stateDir);
        return sb.toString();
    }

    private static String vrrp(HostCapabilities caps, Role role) {
        if (!role.runsVrrp()) {
            return "VRRP not run (role " + role + ")";
        }
        if (caps.vrrpCanRun()) {
            return "VRRP can run";
        }
        return "VRRP CANNOT run (needs root, or CAP_NET_RAW and CAP_NET_ADMIN)";
    }

    private static String ipvs(HostCapabilities caps, Role role) {
        if (!role.runsCheckers()) {
            return "checkers and IPVS not run (role " + role + ")";
        }
        if (caps.kernelIpvsCanRun()) {
            return "kernel IPVS can run";
        }
        if (!caps.kernelIpvs()) {
            return "kernel IPVS CANNOT run (no /proc/net/ip_vs: kernel without IP_VS)";
        }
        return "kernel IPVS CANNOT run (needs root or CAP_NET_ADMIN)";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
