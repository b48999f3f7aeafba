package org.calpe.net.linux.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.MacAddress;

/**
 * Builds and parses the rtnetlink address and link messages ({@code linux/rtnetlink.h},
 * {@code linux/if_addr.h}, {@code linux/if_link.h}) the way {@code ip addr add} and keepalived's
 * {@code netlink_ipaddress} do: IFA_LOCAL and IFA_ADDRESS both carry the address, IFA_CACHEINFO with
 * preferred lifetime 0 and an infinite valid lifetime marks it deprecated, IFA_FLAGS carries IFA_F_NODAD.
 */
public final class RtnetlinkCodec {

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_FLAGS = 8;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int INFINITY_LIFE_TIME = 0xFFFF_FFFF;

    private RtnetlinkCodec() {
    }

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** @return RTM_NEWADDR (create, exclusive, ack) for {@code a} */
    public static byte[] newAddress(InterfaceAddress a, int seq) {
        int flags = a.noDad() ? InterfaceAddress.FLAG_NODAD : 0;
        MessageWriter w = new MessageWriter(RTM_NEWADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK
                | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL, seq);
        ifaddrmsg(w, a, flags & 0xFF);
        byte[] addr = a.address().getAddress();
        w.attr(IFA_LOCAL, addr).attr(IFA_ADDRESS, addr);
        if (a.broadcast() != null) {
            w.attr(IFA_BROADCAST, a.broadcast().getAddress());
        }
        if (a.label() != null && a.address() instanceof Inet4Address) {
            w.attrString(IFA_LABEL, a.label());
        }
        if (a.deprecated()) {
            w.attr(IFA_CACHEINFO, ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(0)
                    .putInt(INFINITY_LIFE_TIME).putInt(0).putInt(0).array());
        }
        if (flags != 0) {
            w.attrU32(IFA_FLAGS, flags);
        }
        return w.toBytes();
    }

    /** @return RTM_DELADDR (ack) for the address of {@code a} */
    public static byte[] deleteAddress(InterfaceAddress a, int seq) {
        MessageWriter w = new MessageWriter(RTM_DELADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, seq);
        ifaddrmsg(w, a, 0);
        w.attr(IFA_LOCAL, a.address().getAddress());
        return w.toBytes();
    }

    private static void ifaddrmsg(MessageWriter w, InterfaceAddress a, int flags) {
        w.u8(family(a.address())).u8(a.prefixLength()).u8(flags).u8(a.scope()).u32(a.ifindex());
    }

    /** @return an RTM_GETADDR dump request for all families */
    public static byte[] dumpAddresses(int seq) {
        return new MessageWriter(RTM_GETADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, seq)
                .u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0).toBytes();
    }

    /** @return an RTM_GETLINK dump request */
    public static byte[] dumpLinks(int seq) {
        return new MessageWriter(RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, seq)
                .u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0).toBytes();
    }

    /** @return the address of an RTM_NEWADDR/RTM_DELADDR message, or null if it has none */
    public static InterfaceAddress parseAddress(NetlinkMessage m) {
        byte[] p = m.payload();
        if (p.length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        int family = p[0] & 0xFF;
        int prefix = p[1] & 0xFF;
        int flags = p[2] & 0xFF;
        int scope = p[3] & 0xFF;
        int index = b.getInt(4);
        Attributes attrs = Attributes.parse(p, 8);
        byte[] local = attrs.has(IFA_LOCAL) ? attrs.get(IFA_LOCAL) : attrs.get(IFA_ADDRESS);
        int length = family == AF_INET ? 4 : 16;
        if (local == null || local.length != length) {
            return null;
        }
        flags = attrs.u32(IFA_FLAGS, flags);
        byte[] brd = attrs.get(IFA_BROADCAST);
        try {
            return new InterfaceAddress(index, InetAddress.getByAddress(local), prefix,
                    brd != null && brd.length == length ? InetAddress.getByAddress(brd) : null, attrs.string(IFA_LABEL),
                    scope, (flags & InterfaceAddress.FLAG_DEPRECATED) != 0, (flags & InterfaceAddress.FLAG_NODAD) != 0,
                    flags);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** @return the link of an RTM_NEWLINK/RTM_DELLINK message, or null if it has no name */
    public static LinkInfo parseLink(NetlinkMessage m) {
        byte[] p = m.payload();
        if (p.length < 16) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        int index = b.getInt(4);
        int flags = b.getInt(8);
        Attributes attrs = Attributes.parse(p, 16);
        String name = attrs.string(IFLA_IFNAME);
        if (name == null) {
            return null;
        }
        byte[] mac = attrs.get(IFLA_ADDRESS);
        return new LinkInfo(index, name, mac != null && mac.length == 6 ? MacAddress.of(mac) : null, flags,
                attrs.u32(IFLA_MTU, 0), attrs.u32(IFLA_LINK, 0));
    }
}
