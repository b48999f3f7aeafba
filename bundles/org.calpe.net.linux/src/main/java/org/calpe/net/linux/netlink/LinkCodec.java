package org.calpe.net.linux.netlink;

import java.nio.charset.StandardCharsets;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.Macvlan;

/**
 * Builds and parses the rtnetlink link messages for macvlan interfaces ({@code linux/if_link.h}) with keepalived
 * 2.2.7's layout (captured with strace from its {@code use_vmac}): {@code RTM_NEWLINK} create-exclusive with
 * family AF_UNSPEC, then {@code IFLA_LINKINFO} {kind "macvlan", data {mode}}, {@code IFLA_LINK},
 * {@code IFLA_IFNAME} and {@code IFLA_ADDRESS}, the strings without their NUL; the interface is brought up with
 * a separate {@code RTM_NEWLINK} (flags and change {@code IFF_UP}); {@code RTM_DELLINK} carries family AF_INET.
 */
public final class LinkCodec {

    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    public static final int IFF_UP = 0x1;

    private LinkCodec() {
    }

    /** @return RTM_NEWLINK (create, exclusive, ack) creating {@code m} */
    public static byte[] newMacvlan(Macvlan m, int seq) {
        MessageWriter w = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST
                | NetlinkMessage.NLM_F_ACK | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, seq);
        ifinfomsg(w, RtnetlinkCodec.AF_UNSPEC, 0, 0, 0);
        AttributeBuffer data = new AttributeBuffer().attrU32(IFLA_MACVLAN_MODE, m.mode());
        AttributeBuffer info = new AttributeBuffer().attrText(IFLA_INFO_KIND, "macvlan")
                .attr(IFLA_INFO_DATA, data.toBytes());
        w.attr(IFLA_LINKINFO, info.toBytes());
        w.attrU32(RtnetlinkCodec.IFLA_LINK, m.baseIndex());
        w.attr(RtnetlinkCodec.IFLA_IFNAME, m.name().getBytes(StandardCharsets.US_ASCII));
        w.attr(RtnetlinkCodec.IFLA_ADDRESS, m.mac().toBytes());
        return w.toBytes();
    }

    /** @return RTM_NEWLINK (ack) setting {@code IFF_UP} on or off */
    public static byte[] setUp(int ifindex, boolean up, int seq) {
        MessageWriter w = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST
                | NetlinkMessage.NLM_F_ACK, seq);
        ifinfomsg(w, RtnetlinkCodec.AF_UNSPEC, ifindex, up ? IFF_UP : 0, IFF_UP);
        return w.toBytes();
    }

    /** @return RTM_NEWLINK (ack) setting the IPv6 address generation mode to none */
    public static byte[] addrGenModeNone(int ifindex, int seq) {
        MessageWriter w = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST
                | NetlinkMessage.NLM_F_ACK, seq);
        ifinfomsg(w, RtnetlinkCodec.AF_UNSPEC, ifindex, 0, 0);
        AttributeBuffer inet6 = new AttributeBuffer().attr(IFLA_INET6_ADDR_GEN_MODE,
                new byte[] {(byte) IN6_ADDR_GEN_MODE_NONE});
        w.attr(IFLA_AF_SPEC, new AttributeBuffer().attr(RtnetlinkCodec.AF_INET6, inet6.toBytes()).toBytes());
        return w.toBytes();
    }

    /** @return RTM_DELLINK (ack) for {@code ifindex} */
    public static byte[] deleteLink(int ifindex, int seq) {
        MessageWriter w = new MessageWriter(RtnetlinkCodec.RTM_DELLINK, NetlinkMessage.NLM_F_REQUEST
                | NetlinkMessage.NLM_F_ACK, seq);
        ifinfomsg(w, RtnetlinkCodec.AF_INET, ifindex, 0, 0);
        return w.toBytes();
    }

    /** @return RTM_GETLINK for the interface called {@code name} (one answer, or ENODEV) */
    public static byte[] getLink(String name, int seq) {
        MessageWriter w = new MessageWriter(RtnetlinkCodec.RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST, seq);
        ifinfomsg(w, RtnetlinkCodec.AF_UNSPEC, 0, 0, 0);
        w.attrString(RtnetlinkCodec.IFLA_IFNAME, name);
        return w.toBytes();
    }

    private static void ifinfomsg(MessageWriter w, int family, int ifindex, int flags, int change) {
        w.u8(family).u8(0).u16(0).u32(ifindex).u32(flags).u32(change);
    }

    /** @return the link of an RTM_NEWLINK message with its kind and macvlan mode, or null if it has no name */
    public static LinkDetails parseDetails(NetlinkMessage m) {
        LinkInfo link = RtnetlinkCodec.parseLink(m);
        if (link == null) {
            return null;
        }
        String kind = "";
        int mode = 0;
        byte[] info = Attributes.parse(m.payload(), 16).get(IFLA_LINKINFO);
        if (info != null) {
            Attributes nested = Attributes.parse(info, 0);
            String k = nested.string(IFLA_INFO_KIND);
            kind = k == null ? "" : k;
            byte[] data = nested.get(IFLA_INFO_DATA);
            if (kind.equals("macvlan") && data != null) {
                mode = Attributes.parse(data, 0).u32(IFLA_MACVLAN_MODE, 0);
            }
        }
        return new LinkDetails(link, kind, mode);
    }
}
