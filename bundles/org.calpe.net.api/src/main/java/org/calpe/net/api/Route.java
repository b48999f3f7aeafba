package org.calpe.net.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A route as keepalived's {@code virtual_routes} / {@code static_routes} install it (an {@code rtmsg} with its
 * attributes, {@code linux/rtnetlink.h}). Build one with {@link #builder(IpFamily)}.
 *
 * @param family          the address family of the route
 * @param type            the route type, one of the {@code TYPE_*} constants ({@code RTN_*})
 * @param destination     the destination prefix; null for {@code default}
 * @param source          the source prefix ({@code from}, IPv6 only), or null
 * @param gateway         the gateway ({@code via}); of the other family it is sent as {@code RTA_VIA}; or null
 * @param ifindex         the output interface ({@code dev}), 0 for none
 * @param preferredSource the preferred source address ({@code src}), or null
 * @param table           the table, 1 to 4294967295 ({@code TABLE_*} or a number)
 * @param metric          the {@code metric}/{@code priority}/{@code preference}, or -1 for the kernel default
 * @param scope           the scope ({@code InterfaceAddress.SCOPE_*} or a number)
 * @param protocol        the protocol ({@link #PROTOCOL_KEEPALIVED} unless configured)
 * @param tos             the {@code tos}/{@code dsfield}
 * @param flags           the {@code RTNH_F_*} flags ({@link #FLAG_ONLINK})
 * @param realms          the {@code realms} ({@code RTA_FLOW}: source realm in the high 16 bits), 0 for none
 * @param metrics         the {@code RTA_METRICS} entries
 * @param nexthops        the {@code nexthop}s of a multipath route (then gateway and ifindex are unused)
 * @param pref            the IPv6 router preference ({@code pref}: 0 medium, 1 high, 3 low), or -1
 * @param expires         the IPv6 expiry in seconds ({@code expires}), or -1
 * @param ttlPropagate    {@code ttl-propagate} (1 enabled, 0 disabled, MPLS), or -1
 */
public record Route(IpFamily family, int type, IpPrefix destination, IpPrefix source, InetAddress gateway,
        int ifindex, InetAddress preferredSource, long table, long metric, int scope, int protocol, int tos,
        int flags, int realms, List<RouteMetric> metrics, List<Nexthop> nexthops, int pref, long expires,
        int ttlPropagate) {

    public static final int TYPE_UNICAST = 1;
    public static final int TYPE_LOCAL = 2;
    public static final int TYPE_BROADCAST = 3;
    public static final int TYPE_ANYCAST = 4;
    public static final int TYPE_MULTICAST = 5;
    public static final int TYPE_BLACKHOLE = 6;
    public static final int TYPE_UNREACHABLE = 7;
    public static final int TYPE_PROHIBIT = 8;
    public static final int TYPE_THROW = 9;
    public static final int TYPE_NAT = 10;
    public static final long TABLE_DEFAULT = 253;
    public static final long TABLE_MAIN = 254;
    public static final long TABLE_LOCAL = 255;
    public static final int PROTOCOL_BOOT = 3;
    public static final int PROTOCOL_STATIC = 4;
    /** {@code RTPROT_KEEPALIVED}: the protocol keepalived gives its routes and rules unless told otherwise. */
    public static final int PROTOCOL_KEEPALIVED = 18;
    public static final int FLAG_ONLINK = 0x4;

    public Route {
        Objects.requireNonNull(family, "family");
        metrics = List.copyOf(metrics);
        nexthops = List.copyOf(nexthops);
        if (type < TYPE_UNICAST || type > TYPE_NAT) {
            throw new IllegalArgumentException("route type " + type);
        }
        if (destination != null && destination.family() != family) {
            throw new IllegalArgumentException("destination " + destination + " is not " + family);
        }
        if (source != null && (source.family() != IpFamily.INET6 || family != IpFamily.INET6)) {
            throw new IllegalArgumentException("a route source prefix (from) is IPv6 only");
        }
        if (preferredSource != null && IpFamily.of(preferredSource) != family) {
            throw new IllegalArgumentException("src " + preferredSource.getHostAddress() + " is not " + family);
        }
        if (table < 1 || table > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("table " + table + " outside [1, 4294967295]");
        }
        if (metric < -1 || metric > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric " + metric);
        }
        checkByte("scope", scope);
        checkByte("protocol", protocol);
        checkByte("tos", tos);
        if (ifindex < 0) {
            throw new IllegalArgumentException("ifindex " + ifindex);
        }
        if (pref < -1 || pref > 255 || ttlPropagate < -1 || ttlPropagate > 1 || expires < -1
                || expires > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("pref, expires or ttl-propagate out of range");
        }
    }

    private static void checkByte(String what, int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(what + " " + v + " outside [0, 255]");
        }
    }

    /** @return true if the route has nexthops ({@code RTA_MULTIPATH}) */
    public boolean isMultipath() {
        return !nexthops.isEmpty();
    }

    /** @return a builder for a unicast route of {@code family} in table main, protocol keepalived, scope global */
    public static Builder builder(IpFamily family) {
        return new Builder(family);
    }

    /** @return a builder holding this route's values */
    public Builder toBuilder() {
        Builder b = new Builder(family);
        b.type = type;
        b.destination = destination;
        b.source = source;
        b.gateway = gateway;
        b.ifindex = ifindex;
        b.preferredSource = preferredSource;
        b.table = table;
        b.metric = metric;
        b.scope = scope;
        b.protocol = protocol;
        b.tos = tos;
        b.flags = flags;
        b.realms = realms;
        b.metrics.addAll(metrics);
        b.nexthops.addAll(nexthops);
        b.pref = pref;
        b.expires = expires;
        b.ttlPropagate = ttlPropagate;
        return b;
    }

    /** Collects a route's values; {@link #build()} validates them. */
    public static final class Builder {
        private final IpFamily family;
        private int type = TYPE_UNICAST;
        private IpPrefix destination;
        private IpPrefix source;
        private InetAddress gateway;
        private int ifindex;
        private InetAddress preferredSource;
        private long table = TABLE_MAIN;
        private long metric = -1;
        private int scope = InterfaceAddress.SCOPE_UNIVERSE;
        private int protocol = PROTOCOL_KEEPALIVED;
        private int tos;
        private int flags;
        private int realms;
        private final List<RouteMetric> metrics = new ArrayList<>();
        private final List<Nexthop> nexthops = new ArrayList<>();
        private int pref = -1;
        private long expires = -1;
        private int ttlPropagate = -1;

        private Builder(IpFamily family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        public Builder type(int v) {
            type = v;
            return this;
        }

        /** @param v the destination, null for default */
        public Builder destination(IpPrefix v) {
            destination = v;
            return this;
        }

        public Builder source(IpPrefix v) {
            source = v;
            return this;
        }

        public Builder gateway(InetAddress v) {
            gateway = v;
            return this;
        }

        public Builder ifindex(int v) {
            ifindex = v;
            return this;
        }

        public Builder preferredSource(InetAddress v) {
            preferredSource = v;
            return this;
        }

        public Builder table(long v) {
            table = v;
            return this;
        }

        public Builder metric(long v) {
            metric = v;
            return this;
        }

        public Builder scope(int v) {
            scope = v;
            return this;
        }

        public Builder protocol(int v) {
            protocol = v;
            return this;
        }

        public Builder tos(int v) {
            tos = v;
            return this;
        }

        public Builder flags(int v) {
            flags = v;
            return this;
        }

        public Builder realms(int v) {
            realms = v;
            return this;
        }

        /** Adds or replaces the metric of the same kind. */
        public Builder metric(RouteMetric v) {
            metrics.removeIf(m -> m.kind() == v.kind());
            metrics.add(v);
            return this;
        }

        public Builder nexthop(Nexthop v) {
            nexthops.add(v);
            return this;
        }

        public Builder pref(int v) {
            pref = v;
            return this;
        }

        public Builder expires(long v) {
            expires = v;
            return this;
        }

        public Builder ttlPropagate(int v) {
            ttlPropagate = v;
            return this;
        }

        public Route build() {
            return new Route(family, type, destination, source, gateway, ifindex, preferredSource, table, metric,
                    scope, protocol, tos, flags, realms, metrics, nexthops, pref, expires, ttlPropagate);
        }
    }
}
