package org.calpe.net.linux.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.Nexthop;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteMetric;
import org.calpe.net.api.Rule;

/**
 * Builds the rtnetlink route and rule requests ({@code linux/rtnetlink.h}, {@code linux/fib_rules.h}) the way
 * keepalived 2.2.7's {@code netlink_route} and {@code netlink_rule} do: a route is created without
 * {@code NLM_F_EXCL} (an identical route answers EEXIST, one differing in its nexthop is added beside it), a rule
 * is created exclusively; a route is removed with the attributes it was added with but scope
 * {@code RT_SCOPE_NOWHERE} (any scope) and, for unicast routes, type {@code RTN_UNSPEC}. The byte layout, attribute order included, is keepalived's (see the
 * golden messages in the tests, captured from keepalived 2.2.7 with strace).
 */
public final class RouteCodec {

    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_FLOW = 11;
    public static final int RTA_TABLE = 15;
    public static final int RTA_VIA = 18;
    public static final int RTA_PREF = 20;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_TTL_PROPAGATE = 26;
    public static final int RTAX_LOCK = 1;
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_GOTO = 4;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_FLOW = 11;
    public static final int FRA_SUPPRESS_IFGROUP = 13;
    public static final int FRA_SUPPRESS_PREFIXLEN = 14;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_L3MDEV = 19;
    public static final int FRA_UID_RANGE = 20;
    public static final int FRA_PROTOCOL = 21;
    public static final int FRA_IP_PROTO = 22;
    public static final int FRA_SPORT_RANGE = 23;
    public static final int FRA_DPORT_RANGE = 24;
    public static final int FIB_RULE_INVERT = 0x2;
    public static final int RT_SCOPE_NOWHERE = 255;

    private RouteCodec() {
    }

    /** @return RTM_NEWROUTE (create, ack) for {@code r} */
    public static byte[] newRoute(Route r, int seq) {
        MessageWriter w = new MessageWriter(RTM_NEWROUTE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE, seq);
        route(w, r, true);
        return w.toBytes();
    }

    /** @return RTM_DELROUTE (ack) for {@code r} */
    public static byte[] deleteRoute(Route r, int seq) {
        MessageWriter w = new MessageWriter(RTM_DELROUTE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK,
                seq);
        route(w, r, false);
        return w.toBytes();
    }

    private static void route(MessageWriter w, Route r, boolean add) {
        int family = family(r.family());
        w.u8(family).u8(r.destination() == null ? 0 : r.destination().length())
                .u8(r.source() == null ? 0 : r.source().length()).u8(r.tos()).u8(r.table() < 256 ? (int) r.table() : 0)
                .u8(r.protocol()).u8(add ? r.scope() : RT_SCOPE_NOWHERE)
                .u8(add || r.type() != Route.TYPE_UNICAST ? r.type() : 0).u32(r.flags());
        if (r.table() >= 256) {
            w.attrU32(RTA_TABLE, (int) r.table());
        }
        if (r.destination() != null) {
            w.attr(RTA_DST, r.destination().address().getAddress());
        }
        if (r.source() != null) {
            w.attr(RTA_SRC, r.source().address().getAddress());
        }
        if (r.preferredSource() != null) {
            w.attr(RTA_PREFSRC, r.preferredSource().getAddress());
        }
        if (r.gateway() != null && !r.isMultipath()) {
            if (IpFamily.of(r.gateway()) == r.family()) {
                w.attr(RTA_GATEWAY, r.gateway().getAddress());
            } else {
                w.attr(RTA_VIA, via(r.gateway()));
            }
        }
        if (r.ifindex() != 0) {
            w.attrU32(RTA_OIF, r.ifindex());
        }
        if (r.metric() >= 0) {
            w.attrU32(RTA_PRIORITY, (int) r.metric());
        }
        if (r.realms() != 0) {
            w.attrU32(RTA_FLOW, r.realms());
        }
        if (r.expires() >= 0) {
            w.attrU32(RTA_EXPIRES, (int) r.expires());
        }
        if (r.pref() >= 0) {
            w.attr(RTA_PREF, new byte[] {(byte) r.pref()});
        }
        if (r.ttlPropagate() >= 0) {
            w.attr(RTA_TTL_PROPAGATE, new byte[] {(byte) r.ttlPropagate()});
        }
        if (!r.metrics().isEmpty()) {
            w.attr(RTA_METRICS, metrics(r));
        }
        if (r.isMultipath()) {
            w.attr(RTA_MULTIPATH, multipath(r));
        }
    }

    /** keepalived's order of the metrics in RTA_METRICS. */
    private static final List<Integer> METRIC_ORDER = List.of(RouteMetric.CC_ALGO, RouteMetric.RTT,
            RouteMetric.RTTVAR, RouteMetric.RTO_MIN, RouteMetric.FEATURES, RouteMetric.MTU, RouteMetric.WINDOW,
            RouteMetric.SSTHRESH, RouteMetric.CWND, RouteMetric.ADVMSS, RouteMetric.REORDERING, RouteMetric.HOPLIMIT,
            RouteMetric.INITCWND, RouteMetric.INITRWND, RouteMetric.QUICKACK, RouteMetric.FASTOPEN_NO_COOKIE);

    /** @return the RTA_METRICS payload: one attribute per metric, then RTAX_LOCK if any is locked */
    static byte[] metrics(Route r) {
        AttributeBuffer b = new AttributeBuffer();
        int lock = 0;
        List<RouteMetric> sorted = new ArrayList<>(r.metrics());
        sorted.sort(Comparator.comparingInt(m -> METRIC_ORDER.indexOf(m.kind())));
        for (RouteMetric m : sorted) {
            if (m.kind() == RouteMetric.CC_ALGO) {
                b.attrText(m.kind(), m.algorithm());
            } else {
                b.attrU32(m.kind(), m.value());
            }
            if (m.locked()) {
                lock |= 1 << m.kind();
            }
        }
        if (lock != 0) {
            b.attrU32(RTAX_LOCK, lock);
        }
        return b.toBytes();
    }

    /** @return the RTA_MULTIPATH payload: per nexthop an {@code rtnexthop} followed by its attributes */
    static byte[] multipath(Route r) {
        AttributeBuffer b = new AttributeBuffer();
        for (Nexthop nh : r.nexthops()) {
            int start = b.position();
            b.u16(0).u8(nh.flags()).u8(nh.weight() - 1).u32(nh.ifindex());
            if (nh.gateway() != null) {
                if (IpFamily.of(nh.gateway()) == r.family()) {
                    b.attr(RTA_GATEWAY, nh.gateway().getAddress());
                } else {
                    b.attr(RTA_VIA, via(nh.gateway()));
                }
            }
            if (nh.realms() != 0) {
                b.attrU32(RTA_FLOW, nh.realms());
            }
            b.putU16(start, b.position() - start);
        }
        return b.toBytes();
    }

    /** @return a {@code struct rtvia}: the gateway's family, then its address */
    private static byte[] via(InetAddress gateway) {
        byte[] a = gateway.getAddress();
        return ByteBuffer.allocate(2 + a.length).order(ByteOrder.nativeOrder())
                .putShort((short) (gateway instanceof Inet4Address ? RtnetlinkCodec.AF_INET : RtnetlinkCodec.AF_INET6))
                .put(a).array();
    }

    /** @return RTM_NEWRULE (create, exclusive, ack) for {@code r} */
    public static byte[] newRule(Rule r, int seq) {
        MessageWriter w = new MessageWriter(RTM_NEWRULE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, seq);
        rule(w, r);
        return w.toBytes();
    }

    /** @return RTM_DELRULE (ack) for {@code r} */
    public static byte[] deleteRule(Rule r, int seq) {
        MessageWriter w = new MessageWriter(RTM_DELRULE, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq);
        rule(w, r);
        return w.toBytes();
    }

    private static void rule(MessageWriter w, Rule r) {
        boolean toTable = r.action() == Rule.ACTION_TO_TABLE && !r.l3mdev();
        int table = toTable && r.table() < 256 ? (int) r.table() : 0;
        w.u8(family(r.family())).u8(prefixLength(r.to())).u8(prefixLength(r.from())).u8(r.tos()).u8(table).u8(0)
                .u8(0).u8(r.action()).u32(r.invert() ? FIB_RULE_INVERT : 0);
        if (toTable && r.table() >= 256) {
            w.attrU32(FRA_TABLE, (int) r.table());
        }
        if (r.from() != null) {
            w.attr(FRA_SRC, r.from().address().getAddress());
        }
        if (r.to() != null) {
            w.attr(FRA_DST, r.to().address().getAddress());
        }
        if (r.priority() >= 0) {
            w.attrU32(FRA_PRIORITY, (int) r.priority());
        }
        if (r.fwmark() >= 0) {
            w.attrU32(FRA_FWMARK, (int) r.fwmark());
        }
        if (r.fwmask() >= 0) {
            w.attrU32(FRA_FWMASK, (int) r.fwmask());
        }
        if (r.realms() != 0) {
            w.attrU32(FRA_FLOW, r.realms());
        }
        if (r.suppressPrefixLength() >= 0) {
            w.attrU32(FRA_SUPPRESS_PREFIXLEN, r.suppressPrefixLength());
        }
        if (r.suppressIfgroup() >= 0) {
            w.attrU32(FRA_SUPPRESS_IFGROUP, (int) r.suppressIfgroup());
        }
        if (r.iif() != null) {
            w.attrString(FRA_IIFNAME, r.iif());
        }
        if (r.oif() != null) {
            w.attrString(FRA_OIFNAME, r.oif());
        }
        if (r.uidRange() != null) {
            w.attr(FRA_UID_RANGE, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                    .putInt((int) r.uidRange().start()).putInt((int) r.uidRange().end()).array());
        }
        if (r.l3mdev()) {
            w.attr(FRA_L3MDEV, new byte[] {1});
        }
        w.attr(FRA_PROTOCOL, new byte[] {(byte) r.protocol()});
        if (r.ipProto() >= 0) {
            w.attr(FRA_IP_PROTO, new byte[] {(byte) r.ipProto()});
        }
        if (r.sport() != null) {
            w.attr(FRA_SPORT_RANGE, portRange(r.sport()));
        }
        if (r.dport() != null) {
            w.attr(FRA_DPORT_RANGE, portRange(r.dport()));
        }
        if (r.action() == Rule.ACTION_GOTO) {
            w.attrU32(FRA_GOTO, (int) r.gotoTarget());
        }
    }

    private static byte[] portRange(Rule.Range range) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) range.start())
                .putShort((short) range.end()).array();
    }

    private static int prefixLength(IpPrefix p) {
        return p == null ? 0 : p.length();
    }

    private static int family(IpFamily f) {
        return f == IpFamily.INET ? RtnetlinkCodec.AF_INET : RtnetlinkCodec.AF_INET6;
    }
}
