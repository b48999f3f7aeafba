package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.LinkManager;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.Macvlan;
import org.calpe.net.api.NetNamespace;
import org.calpe.vrrp.core.codec.IpFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's VMAC interface ({@code use_vmac}): created (or adopted) when the instance starts and removed when
 * it stops, never at a hand-over to the next engine (that one adopts it). Set up as keepalived 2.2.7 does:
 * <ul>
 * <li>a private-mode macvlan on the instance's interface with the VRRP MAC, addrgenmode none (RFC 5798 7.4),
 * then brought up;</li>
 * <li>IPv4, when created: {@code arp_ignore=1} and {@code arp_filter=1} on the base interface,
 * {@code arp_ignore=1}, {@code accept_local=1}, {@code rp_filter=0}, {@code promote_secondaries=1} on the VMAC,
 * which gets no IPv6 ({@code disable_ipv6=1}) unless an excluded address is IPv6. keepalived 2.2.7 leaves the
 * base interface's values set when it stops, and so does Calpe (another VMAC on the same base still needs them).
 * The VMAC's {@code rp_filter=0} only counts while {@code all.rp_filter} is 0: a non-zero {@code all} value is
 * moved onto {@code default} and every interface but {@code lo} (where lower), then {@code all} is set to 0,
 * with keepalived's NOTICE lines. keepalived puts the values back when it stops; Calpe leaves them, which filters
 * exactly as before (the kernel uses the larger of {@code all} and the interface's value) and stays right when the
 * next engine takes the VMAC over;</li>
 * <li>IPv6: the VMAC gets a link-local address, deprecated and without DAD, for the adverts' source: the
 * configured source address, else the base interface's link-local address, else the EUI-64 address of the base
 * interface's MAC.</li>
 * </ul>
 */
final class VmacLink {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final String instance;
    private final NetNamespace namespace;
    private final LinkManager manager;
    private final LinkInfo link;
    private final boolean created;

    private VmacLink(String instance, NetNamespace namespace, LinkManager manager, LinkInfo link, boolean created) {
        this.instance = instance;
        this.namespace = namespace;
        this.manager = manager;
        this.link = link;
        this.created = created;
    }

    /**
     * Creates or adopts the VMAC of {@code spec} on {@code base} and brings it up.
     *
     * @param linkLocal the base interface's IPv6 link-local address, or null (IPv6 instances only)
     * @throws IOException if the VMAC cannot be created (keepalived: "Unable to create VMAC interface")
     */
    static VmacLink open(RuntimeServices s, InstanceSpec spec, LinkInfo base, InetAddress linkLocal)
            throws IOException {
        VmacSettings settings = spec.vmac();
        LinkManager m = s.vmacs();
        NetNamespace ns = s.namespace();
        VmacPlan plan = VmacPlan.decide(spec.name(), settings, spec.vrid(), spec.family(), base.index(),
                name -> m.find(ns, name));
        plan.messages().forEach(LOG::info);
        LinkInfo link;
        boolean created = plan.action() != VmacPlan.Action.ADOPT;
        if (plan.action() == VmacPlan.Action.REPLACE && !m.remove(ns, plan.existing())) {
            LOG.info("vmac: Error removing VMAC interface {} for vrrp_instance {}!!!", plan.name(), spec.name());
        }
        if (created) {
            try {
                link = m.addMacvlan(ns, Macvlan.privateMode(plan.name(), base.index(), plan.mac()));
            } catch (IOException | IllegalArgumentException e) {
                LOG.info("({}): Unable to create VMAC interface {}", spec.name(), plan.name());
                throw new IOException("(" + spec.name() + ") cannot create VMAC interface " + plan.name() + ": "
                        + e.getMessage(), e);
            }
            LOG.info("({}): Success creating VMAC interface {}", spec.name(), plan.name());
        } else {
            link = m.find(ns, plan.name()).map(LinkDetails::link).orElseThrow(() -> new IOException(
                    "(" + spec.name() + ") VMAC interface " + plan.name() + " vanished"));
            LOG.info("({}) using existing VMAC interface {}", spec.name(), plan.name());
        }
        VmacLink vmac = new VmacLink(spec.name(), ns, m, link, created);
        try {
            vmac.configure(s, spec, base, linkLocal);
        } catch (IOException | RuntimeException e) {
            if (created) {
                vmac.remove();
            }
            throw e;
        }
        return vmac;
    }

    private void configure(RuntimeServices s, InstanceSpec spec, LinkInfo base, InetAddress linkLocal)
            throws IOException {
        if (spec.family() == IpFamily.IPV4) {
            if (created) {
                moveAllRpFilter(s);
                sysctl("net/ipv4/conf/" + base.name() + "/arp_ignore", "1");
                sysctl("net/ipv4/conf/" + base.name() + "/arp_filter", "1");
                sysctl("net/ipv4/conf/" + link.name() + "/arp_ignore", "1");
                sysctl("net/ipv4/conf/" + link.name() + "/accept_local", "1");
                sysctl("net/ipv4/conf/" + link.name() + "/rp_filter", "0");
                sysctl("net/ipv4/conf/" + link.name() + "/promote_secondaries", "1");
            }
            boolean ipv6Evips = spec.excludedVips().stream().anyMatch(v -> v.address() instanceof Inet6Address);
            sysctl("net/ipv6/conf/" + link.name() + "/disable_ipv6", ipv6Evips ? "0" : "1");
        }
        try {
            manager.disableIpv6AddressGeneration(namespace, link.index());
        } catch (IOException e) {
            LOG.info("vmac: Error setting ADDR_GEN_MODE to NONE ({})", e.getMessage());
        }
        manager.setUp(namespace, link.index(), true);
        if (spec.family() == IpFamily.IPV6) {
            InetAddress source = spec.sourceAddress() instanceof Inet6Address a ? a
                    : linkLocal != null ? linkLocal : eui64LinkLocal(base.mac());
            InterfaceAddress a = new InterfaceAddress(link.index(), InetAddress.getByAddress(source.getAddress()), 64,
                    null, null, InterfaceAddress.SCOPE_UNIVERSE, true, true, 0);
            try {
                s.addresses().add(namespace, a);
            } catch (IOException e) {
                if (created) {
                    LOG.info("Adding link-local address to vmac failed");
                }
            }
        }
    }

    /** {@code all.rp_filter} R > 0: {@code default} and the interfaces get at least R, then {@code all} 0. */
    private void moveAllRpFilter(RuntimeServices s) {
        int all = rpFilter("all");
        if (all <= 0) {
            return;
        }
        raiseRpFilter("default", all);
        try {
            for (LinkInfo l : s.links().links(namespace)) {
                if (!l.name().equals("lo") && l.index() != link.index()) {
                    raiseRpFilter(l.name(), all);
                }
            }
        } catch (IOException e) {
            LOG.warn("({}) cannot list the interfaces for rp_filter: {}", instance, e.getMessage());
            return; // all stays as it is: the VMAC's rp_filter 0 does not count, but nothing filters less
        }
        LOG.info("NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from {} to 0", all);
        sysctl("net/ipv4/conf/all/rp_filter", "0");
    }

    private void raiseRpFilter(String conf, int to) {
        int now = rpFilter(conf);
        if (now >= 0 && now < to) {
            if (conf.equals("default")) {
                LOG.info("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from {} to {}", now, to);
            }
            sysctl("net/ipv4/conf/" + conf + "/rp_filter", Integer.toString(to));
        }
    }

    /** @return the rp_filter of {@code conf}, -1 if unreadable */
    private int rpFilter(String conf) {
        try {
            return Integer.parseInt(manager.sysctl(namespace, "net/ipv4/conf/" + conf + "/rp_filter"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void sysctl(String key, String value) {
        try {
            manager.setSysctl(namespace, key, value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("({}) cannot set {} to {}: {}", instance, key.replace('/', '.'), value, e.getMessage());
        }
    }

    /** @return the link-local address the kernel would derive from {@code mac} (modified EUI-64) */
    static InetAddress eui64LinkLocal(MacAddress mac) throws IOException {
        byte[] m = mac == null ? new byte[6] : mac.toBytes();
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        return InetAddress.getByAddress(a);
    }

    /** The VMAC interface. */
    LinkInfo link() {
        return link;
    }

    /** Whether this run created it (false: adopted from a previous run or engine). */
    boolean created() {
        return created;
    }

    /** Removes the VMAC (the instance stops); its addresses go with it. */
    void remove() {
        try {
            if (manager.remove(namespace, link.index())) {
                LOG.info("({}) Success removing VMAC interface {}", instance, link.name());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("vmac: Error removing VMAC interface {} for vrrp_instance {}!!! ({})", link.name(), instance,
                    e.getMessage());
        }
    }
}
