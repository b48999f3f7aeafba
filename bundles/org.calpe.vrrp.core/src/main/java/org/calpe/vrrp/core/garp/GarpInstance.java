package org.calpe.vrrp.core.garp;

import java.util.List;
import java.util.Objects;

/**
 * What the announcer needs to know about one vrrp_instance.
 *
 * @param name          the instance name (iname)
 * @param ifindex       the interface the instance runs on ({@code vrrp->ifp}: the VMAC with use_vmac)
 * @param vmacXmitBase  {@code vmac_xmit_base}: garp_extra_if then also covers the instance's own interface
 * @param vips          {@code virtual_ipaddress}, in configuration order
 * @param evips         {@code virtual_ipaddress_excluded}, in configuration order
 * @param timings       resolved garp_* settings
 */
public record GarpInstance(String name, int ifindex, boolean vmacXmitBase, List<VirtualAddress> vips,
        List<VirtualAddress> evips, GarpTimings timings) {

    public GarpInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timings, "timings");
        vips = List.copyOf(vips);
        evips = List.copyOf(evips);
    }

    /** An instance on a plain interface with keepalived's default timings. */
    public static GarpInstance of(String name, int ifindex, List<VirtualAddress> vips) {
        return new GarpInstance(name, ifindex, false, vips, List.of(), GarpTimings.keepalivedDefaults());
    }

    public GarpInstance withTimings(GarpTimings t) {
        return new GarpInstance(name, ifindex, vmacXmitBase, vips, evips, t);
    }

    public GarpInstance withExcluded(List<VirtualAddress> e) {
        return new GarpInstance(name, ifindex, vmacXmitBase, vips, e, timings);
    }
}
