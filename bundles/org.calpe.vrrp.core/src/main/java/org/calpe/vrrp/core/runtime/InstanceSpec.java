package org.calpe.vrrp.core.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpTopics;
import org.calpe.vrrp.core.codec.ChecksumCompat;
import org.calpe.vrrp.core.codec.IpFamily;
import org.calpe.vrrp.core.codec.UnicastPeer;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.Tracker;
import static org.calpe.vrrp.core.runtime.Units.*;
import org.calpe.vrrp.core.garp.GarpSettings;
import org.calpe.vrrp.core.garp.GarpTimings;
import org.calpe.vrrp.core.notify.InstanceNotifyScripts;
import org.calpe.vrrp.core.notify.NotifyScript;
import org.calpe.vrrp.core.notify.StateScripts;

/**
 * Everything the runtime needs of one {@code org.calpe.vrrp.Instance} configuration, resolved against the
 * {@code org.calpe.Global} configuration. A value: two equal specs run the same way, so a reload that yields an
 * equal spec leaves the running instance alone.
 *
 * @param authPass the {@code auth_pass}, empty without authentication
 * @param sourceAddress {@code unicast_src_ip} / {@code mcast_src_ip}, or null for the interface's primary address
 * @param trackInterfaces {@code track_interface} entries
 * @param trackScripts {@code track_script} entries (resolved against the vrrp_scripts by the runtime)
 * @param dontTrackPrimary {@code dont_track_primary}: the instance's own interface going down is no fault
 * @param routes {@code virtual_routes}, one canonical line each (see {@link RouteLines})
 * @param rules {@code virtual_rules}, one canonical line each
 * @param vmac {@code use_vmac} and {@code vmac_xmit_base}, or null without a VMAC
 * @param checksumCompat {@code old_unicast_checksum [never]}: the VRRPv3 IPv4 checksum of unicast adverts
 */
record InstanceSpec(String name, String interfaceName, int vrid, VrrpVersion version, long advertIntervalMicros,
        int priority, VrrpState initialState, boolean nopreempt, long preemptDelayMicros, List<VirtualIp> vips,
        List<VirtualIp> excludedVips, InetAddress sourceAddress, List<UnicastPeer> unicastPeers,
        boolean checkUnicastSource, VrrpAuthType authType, String authPass, InstanceNotifyScripts notifyScripts,
        GarpTimings garp, List<TrackRef> trackInterfaces, List<TrackRef> trackScripts, boolean dontTrackPrimary,
        List<String> routes, List<String> rules, VmacSettings vmac, ChecksumCompat checksumCompat) {

    /** Calpe's property with the object's name (see config.keepalived's CmPids.NAME). */
    static final String NAME = "calpe.name";

    InstanceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }

    boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /**
     * The instance's address family: that of its first {@code virtual_ipaddress}, else of its source address or
     * first unicast peer, else IPv4 (as keepalived decides it).
     */
    IpFamily family() {
        InetAddress first = !vips.isEmpty() ? vips.get(0).address()
                : sourceAddress != null ? sourceAddress
                : !unicastPeers.isEmpty() ? unicastPeers.get(0).address() : null;
        return first instanceof Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    /** The addresses carried in adverts ({@code virtual_ipaddress} only). */
    List<InetAddress> advertisedAddresses() {
        return vips.stream().map(VirtualIp::address).toList();
    }

    /** The state machine's view, with the sender address known once the interface is resolved. */
    InstanceConfig fsmConfig(InetAddress primary, List<Tracker> trackers) {
        InstanceConfig.Builder b = InstanceConfig.builder(name).version(version)
                .advertIntervalMicros(advertIntervalMicros).priority(priority).initialState(initialState)
                .nopreempt(nopreempt).preemptDelayMicros(preemptDelayMicros).primaryAddress(primary);
        trackers.forEach(b::tracker);
        return b.build();
    }

    /** The entries of a {@code track_interface} / {@code track_script} list block. */
    static List<TrackRef> refs(Props p, String key) {
        List<TrackRef> out = new ArrayList<>();
        for (String line : p.lines(key)) {
            if (!line.isBlank()) {
                out.add(TrackRef.parse(line));
            }
        }
        return out;
    }

    /**
     * Reads one instance.
     *
     * @throws IllegalArgumentException naming the keyword that cannot be run (the validator should have caught it)
     */
    static InstanceSpec parse(Map<String, ?> properties, Map<String, ?> global) {
        Props p = new Props(properties);
        Props g = new Props(global);
        String name = p.string(NAME).orElseThrow(() -> new IllegalArgumentException(NAME + " missing"));
        String iface = p.string("interface").orElseThrow(() -> new IllegalArgumentException(
                "(" + name + ") interface missing"));
        int vrid = p.integer("virtual_router_id", -1);
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("(" + name + ") virtual_router_id missing or outside [1, 255]");
        }
        List<VirtualIp> vips = vips(p.lines("virtual_ipaddress"));
        List<VirtualIp> evips = vips(p.lines("virtual_ipaddress_excluded"));
        boolean ipv6 = !vips.isEmpty() && vips.get(0).address() instanceof Inet6Address;
        for (VirtualIp v : vips) {
            if ((v.address() instanceof Inet6Address) != ipv6) {
                throw new IllegalArgumentException("(" + name + ") virtual_ipaddress mixes IPv4 and IPv6: "
                        + v.line());
            }
        }
        int versionNumber = p.integer("version", g.integer("vrrp_version", 2));
        VrrpVersion version = versionNumber == 3 || ipv6 ? VrrpVersion.V3 : VrrpVersion.V2; // IPv6 is VRRPv3 only
        double advert = p.number("advert_int").orElse(1.0);
        long unit = version == VrrpVersion.V2 ? MICROS_PER_SECOND : MICROS_PER_CENTISECOND;
        long advertMicros = Math.max(unit, Math.round(advert * MICROS_PER_SECOND / unit) * unit);
        VrrpState state = p.string("state").map(s -> s.toUpperCase(Locale.ROOT)).filter("MASTER"::equals)
                .map(s -> VrrpState.MASTER).orElse(VrrpState.BACKUP);
        long preemptDelay = Math.round(p.number("preempt_delay").orElse(0.0) * MICROS_PER_SECOND);
        InetAddress source = p.string("unicast_src_ip").or(() -> p.string("mcast_src_ip")).map(VirtualIp::ip)
                .orElse(null);
        List<UnicastPeer> peers = new ArrayList<>();
        for (String line : p.lines("unicast_peer")) {
            peers.add(peer(line));
        }
        VrrpAuthType authType = VrrpAuthType.NONE;
        String authPass = "";
        for (String line : p.lines("authentication")) {
            String[] w = line.trim().split("\\s+");
            for (int i = 0; i + 1 < w.length; i += 2) {
                if (w[i].equals("auth_type")) {
                    authType = VrrpAuthType.valueOf(w[i + 1].toUpperCase(Locale.ROOT));
                } else if (w[i].equals("auth_pass")) {
                    authPass = unquote(w[i + 1]);
                }
            }
        }
        if (version == VrrpVersion.V3) {
            authType = VrrpAuthType.NONE; // keepalived ignores authentication with VRRPv3
        }
        boolean checkUnicastSource = p.flag("check_unicast_src") || g.flag("vrrp_check_unicast_src");
        GarpTimings garp = GarpTimings.resolve(garp(g, "vrrp_garp_"), garp(p, "garp_"), g.flag("vrrp_strict"));
        return new InstanceSpec(name, iface, vrid, version, advertMicros, p.integer("priority", 100), state,
                p.flag("nopreempt"), preemptDelay, vips, evips, source, peers, checkUnicastSource, authType,
                authPass, notify(p, g), garp, refs(p, "track_interface"), refs(p, "track_script"),
                p.flag("dont_track_primary"), lines(p, "virtual_routes"), lines(p, "virtual_rules"),
                VmacSettings.parse(p, g), checksumCompat(p));
    }

    /** {@code old_unicast_checksum}: the group in the pseudo-header; {@code never}: no automatic switch. */
    private static ChecksumCompat checksumCompat(Props p) {
        if (!p.has("old_unicast_checksum")) {
            return ChecksumCompat.NONE;
        }
        String v = p.string("old_unicast_checksum").orElse("").trim();
        return v.equals("never") ? ChecksumCompat.NEVER : p.flag("old_unicast_checksum") ? ChecksumCompat.CONFIG
                : ChecksumCompat.NONE;
    }

    private static List<String> lines(Props p, String key) {
        return java.util.Arrays.stream(p.lines(key)).filter(l -> !l.isBlank()).toList();
    }

    private static List<VirtualIp> vips(String[] lines) {
        List<VirtualIp> out = new ArrayList<>();
        for (String l : lines) {
            out.add(VirtualIp.parse(l));
        }
        return out;
    }

    private static UnicastPeer peer(String line) {
        String[] w = line.trim().split("\\s+");
        int min = 0;
        int max = 255;
        for (int i = 1; i + 1 < w.length; i += 2) {
            if (w[i].equals("min_ttl")) {
                min = Integer.parseInt(w[i + 1]);
            } else if (w[i].equals("max_ttl")) {
                max = Integer.parseInt(w[i + 1]);
            }
        }
        return new UnicastPeer(VirtualIp.ip(w[0]), min, max);
    }

    private static GarpSettings garp(Props p, String prefix) {
        return new GarpSettings(
                p.number(prefix + "master_repeat").map(Double::intValue).orElse(null),
                p.number(prefix + "master_delay").map(InstanceSpec::seconds).orElse(null),
                p.number(prefix + "master_refresh").map(InstanceSpec::seconds).orElse(null),
                p.number(prefix + "master_refresh_repeat").map(Double::intValue).orElse(null),
                p.number(prefix + "lower_prio_repeat").map(Double::intValue).orElse(null),
                p.number(prefix + "lower_prio_delay").map(InstanceSpec::seconds).orElse(null),
                null, null);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static InstanceNotifyScripts notify(Props p, Props g) {
        InstanceNotifyScripts n = stateScripts(p, InstanceNotifyScripts.NONE);
        Optional<NotifyScript> s;
        if ((s = script(p, "notify_master_rx_lower_pri")).isPresent()) {
            n = n.withMasterRxLowerPri(s.get());
        }
        if (p.has("notify_deleted")) {
            n = n.withDeleted(script(p, "notify_deleted").orElse(null)); // the keyword alone: no script
        }
        return n.withPriorityChanges(p.flag("notify_priority_changes") || g.flag("vrrp_notify_priority_changes"));
    }

    /** {@code notify_master/backup/fault/stop} and {@code notify} of an instance or a sync group, on {@code none}. */
    static <T extends StateScripts<T>> T stateScripts(Props p, T none) {
        T n = none;
        Optional<NotifyScript> s;
        if ((s = script(p, "notify_master")).isPresent()) {
            n = n.withMaster(s.get());
        }
        if ((s = script(p, "notify_backup")).isPresent()) {
            n = n.withBackup(s.get());
        }
        if ((s = script(p, "notify_fault")).isPresent()) {
            n = n.withFault(s.get());
        }
        if ((s = script(p, "notify_stop")).isPresent()) {
            n = n.withStop(s.get());
        }
        if ((s = script(p, "notify")).isPresent()) {
            n = n.withGeneric(s.get());
        }
        return n;
    }

    /** A notify script keyword's script; the keyword alone (a flag, "true") names none. */
    static Optional<NotifyScript> script(Props p, String key) {
        return p.string(key).filter(v -> !v.equals("true")).map(NotifyScript::of);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * The properties every event about this instance carries (VrrpTopics): time, name, VRID, interface, family and
     * {@code priority}; a new mutable map the caller completes.
     */
    Map<String, Object> eventProperties(int priority) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(VrrpTopics.PROP_TIMESTAMP, System.currentTimeMillis());
        p.put(VrrpTopics.PROP_INSTANCE, name());
        p.put(VrrpTopics.PROP_VRID, vrid());
        p.put(VrrpTopics.PROP_INTERFACE, interfaceName());
        p.put(VrrpTopics.PROP_FAMILY, family().keepalivedName());
        p.put(VrrpTopics.PROP_PRIORITY, priority);
        return p;
    }
}
