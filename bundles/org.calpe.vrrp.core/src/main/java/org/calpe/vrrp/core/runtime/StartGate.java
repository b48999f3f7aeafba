package org.calpe.vrrp.core.runtime;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.calpe.vrrp.core.codec.IpFamily;

/**
 * Whether an instance can start now, as keepalived 2.2.7 decides it with {@code dynamic_interfaces}: its
 * interface must exist and hold the address adverts are sent from (the primary IPv4 address, or for IPv6 a
 * link-local address that is no longer tentative); the other interfaces its {@code virtual_ipaddress} entries name
 * must exist. Until then the instance waits in FAULT (see {@link WaitingStarts}). Pure.
 */
final class StartGate {
    private StartGate() {
    }

    /**
     * The verdict for one instance.
     *
     * @param ready true if the instance can start now
     * @param ifindex the instance's interface index, 0 while it does not exist
     * @param reason what is missing, for logs and the state change event ("" when ready)
     * @param faultLines keepalived's log lines for entering FAULT this way (empty when ready)
     */
    record Verdict(boolean ready, int ifindex, String reason, List<String> faultLines) {
        Verdict {
            faultLines = List.copyOf(faultLines);
        }
    }

    /**
     * @param links resolves a link by name in the runtime's namespace
     * @param addresses every address of the namespace
     */
    static Verdict check(InstanceSpec spec, Function<String, Optional<LinkInfo>> links,
            List<InterfaceAddress> addresses) {
        String tag = "(" + spec.name() + ")";
        Optional<LinkInfo> link = links.apply(spec.interfaceName());
        boolean v6 = spec.family() == IpFamily.IPV6;
        int ifindex = link.map(LinkInfo::index).orElse(0);
        boolean hasSource = spec.sourceAddress() != null || link.isPresent() && hasSource(ifindex, v6, addresses);
        List<String> lines = new ArrayList<>();
        String reason = "";
        if (link.isEmpty() || !link.get().isUp()) {
            lines.add(tag + ": entering FAULT state (interface " + spec.interfaceName() + " down)");
            reason = link.isEmpty() ? "interface " + spec.interfaceName() + " does not exist"
                    : "interface " + spec.interfaceName() + " down";
        }
        List<String> missing = missingDevices(spec, links);
        for (String m : missing) {
            lines.add(tag + ": entering FAULT state (interface " + m + " down)");
        }
        if (!hasSource) {
            lines.add(tag + " entering FAULT state (no " + (v6 ? "IPv6" : "IPv4") + " address for interface)");
            if (reason.isEmpty()) {
                reason = "no " + (v6 ? "IPv6 link-local" : "IPv4") + " address on " + spec.interfaceName();
            }
        }
        if (link.isPresent() && hasSource && missing.isEmpty()) {
            return new Verdict(true, ifindex, "", List.of()); // a link that is down: its tracker says FAULT
        }
        if (reason.isEmpty()) {
            reason = "interface " + missing.get(0) + " does not exist";
        }
        lines.add(tag + " entering FAULT state");
        return new Verdict(false, ifindex, reason, lines);
    }

    /** Whether {@code ifindex} has the address keepalived sends adverts from. */
    static boolean hasSource(int ifindex, boolean v6, List<InterfaceAddress> addresses) {
        for (InterfaceAddress a : addresses) {
            if (a.ifindex() != ifindex) {
                continue;
            }
            if (v6 ? a.address() instanceof Inet6Address && a.address().isLinkLocalAddress() && !a.isTentative()
                    && (a.flags() & InterfaceAddress.FLAG_DADFAILED) == 0
                    : a.address() instanceof Inet4Address && (a.flags() & InterfaceAddress.FLAG_SECONDARY) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The interfaces named by {@code virtual_ipaddress} entries ({@code dev}) that do not exist. */
    private static List<String> missingDevices(InstanceSpec spec, Function<String, Optional<LinkInfo>> links) {
        List<VirtualIp> all = new ArrayList<>(spec.vips());
        all.addAll(spec.excludedVips());
        List<String> out = new ArrayList<>();
        for (VirtualIp v : all) {
            String d = v.device();
            if (d != null && !d.equals(spec.interfaceName()) && !out.contains(d) && links.apply(d).isEmpty()) {
                out.add(d);
            }
        }
        return out;
    }
}
