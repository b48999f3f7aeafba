package org.calpe.net.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.MacAddress;
import org.junit.jupiter.api.Test;

class RtnetlinkCodecTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String le32(int v) {
        return hex(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }

    private static String le16(int v) {
        return hex(ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    @Test
    void newIpv4AddressLayout() throws Exception {
        InterfaceAddress a = new InterfaceAddress(7, InetAddress.getByName("198.18.1.100"), 24,
                InetAddress.getByName("198.18.1.255"), "va:1", InterfaceAddress.SCOPE_UNIVERSE, false, false, 0);
        byte[] m = RtnetlinkCodec.newAddress(a, 42);
        String expected = le32(60) + le16(20) + le16(0x1 | 0x4 | 0x400 | 0x200) + le32(42) + le32(0)
                + "02" + "18" + "00" + "00" + le32(7)
                + le16(8) + le16(2) + "c6120164" // IFA_LOCAL
                + le16(8) + le16(1) + "c6120164" // IFA_ADDRESS
                + le16(8) + le16(4) + "c61201ff" // IFA_BROADCAST
                + le16(9) + le16(3) + "76613a3100" + "000000"; // IFA_LABEL "va:1\0" padded
        assertEquals(expected, hex(m));
    }

    @Test
    void deprecatedNoDadIpv6CarriesCacheinfoAndFlags() throws Exception {
        InterfaceAddress a = new InterfaceAddress(3, InetAddress.getByName("2001:db8:1::100"), 64, null, "ignored",
                InterfaceAddress.SCOPE_UNIVERSE, true, true, 0);
        byte[] m = RtnetlinkCodec.newAddress(a, 1);
        List<NetlinkMessage> parsed = NetlinkMessage.parseAll(m, m.length);
        assertEquals(1, parsed.size());
        NetlinkMessage msg = parsed.get(0);
        assertEquals(RtnetlinkCodec.RTM_NEWADDR, msg.type());
        assertEquals(10, msg.payload()[0], "AF_INET6");
        assertEquals(InterfaceAddress.FLAG_NODAD, msg.payload()[2], "ifa_flags");
        Attributes attrs = Attributes.parse(msg.payload(), 8);
        assertFalse(attrs.has(RtnetlinkCodec.IFA_LABEL), "labels are IPv4 only");
        assertEquals(InterfaceAddress.FLAG_NODAD, attrs.u32(RtnetlinkCodec.IFA_FLAGS, -1));
        ByteBuffer ci = ByteBuffer.wrap(attrs.get(RtnetlinkCodec.IFA_CACHEINFO)).order(ByteOrder.nativeOrder());
        assertEquals(0, ci.getInt(0), "preferred_lft 0");
        assertEquals(-1, ci.getInt(4), "valid_lft forever");
        InterfaceAddress back = RtnetlinkCodec.parseAddress(msg);
        assertEquals(a.address(), back.address());
        assertEquals(64, back.prefixLength());
        assertTrue(back.noDad());
    }

    @Test
    void deleteCarriesOnlyTheLocalAddress() throws Exception {
        byte[] m = RtnetlinkCodec.deleteAddress(InterfaceAddress.of(9, InetAddress.getByName("198.18.0.1"), 32), 5);
        assertEquals(le32(32) + le16(21) + le16(0x5) + le32(5) + le32(0) + "02200000" + le32(9) + le16(8) + le16(2)
                + "c6120001", hex(m));
    }

    @Test
    void parsesAnAddressDumpWithDoneAndIgnoresTruncation() throws Exception {
        // what the kernel sends: RTM_NEWADDR with IFA_ADDRESS, IFA_LOCAL, IFA_LABEL, IFA_FLAGS, then NLMSG_DONE
        byte[] one = new MessageWriter(RtnetlinkCodec.RTM_NEWADDR, NetlinkMessage.NLM_F_MULTI, 9)
                .u8(2).u8(24).u8(0x80).u8(0).u32(4)
                .attr(RtnetlinkCodec.IFA_ADDRESS, new byte[] {(byte) 198, 18, 1, 1})
                .attr(RtnetlinkCodec.IFA_LOCAL, new byte[] {(byte) 198, 18, 1, 1})
                .attrString(RtnetlinkCodec.IFA_LABEL, "va")
                .attrU32(RtnetlinkCodec.IFA_FLAGS, 0x80 | 0x20).toBytes();
        byte[] done = new MessageWriter(NetlinkMessage.NLMSG_DONE, NetlinkMessage.NLM_F_MULTI, 9).u32(0).toBytes();
        byte[] all = new byte[one.length + done.length + 7];
        System.arraycopy(one, 0, all, 0, one.length);
        System.arraycopy(done, 0, all, one.length, done.length);
        List<NetlinkMessage> msgs = NetlinkMessage.parseAll(all, all.length);
        assertEquals(2, msgs.size());
        InterfaceAddress a = RtnetlinkCodec.parseAddress(msgs.get(0));
        assertEquals(InetAddress.getByName("198.18.1.1"), a.address());
        assertEquals(24, a.prefixLength());
        assertEquals(4, a.ifindex());
        assertEquals("va", a.label());
        assertTrue(a.deprecated(), "IFA_FLAGS overrides the 8-bit ifa_flags");
        assertEquals(NetlinkMessage.NLMSG_DONE, msgs.get(1).type());
        assertEquals(1, NetlinkMessage.parseAll(all, one.length + 10).size(), "a cut message is dropped");
    }

    @Test
    void errorAndAck() {
        byte[] err = new MessageWriter(NetlinkMessage.NLMSG_ERROR, 0, 3).u32(-17).toBytes();
        assertEquals(17, NetlinkMessage.parseAll(err, err.length).get(0).errorCode());
        byte[] ack = new MessageWriter(NetlinkMessage.NLMSG_ERROR, 0, 3).u32(0).toBytes();
        assertEquals(0, NetlinkMessage.parseAll(ack, ack.length).get(0).errorCode());
    }

    @Test
    void parsesLinks() {
        byte[] link = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, 0, 0).u8(0).u8(0).u16(1).u32(12)
                .u32(0x1 | 0x40 | 0x10000).u32(0)
                .attrString(RtnetlinkCodec.IFLA_IFNAME, "vb")
                .attrU32(RtnetlinkCodec.IFLA_MTU, 1500)
                .attr(RtnetlinkCodec.IFLA_ADDRESS, new byte[] {2, 0, 0x5e, 0, 1, 51}).toBytes();
        LinkInfo l = RtnetlinkCodec.parseLink(NetlinkMessage.parseAll(link, link.length).get(0));
        assertEquals(new LinkInfo(12, "vb", MacAddress.parse("02:00:5e:00:01:33"), 0x10041, 1500, 0), l);
        assertTrue(l.isUp());
        byte[] noName = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, 0, 0).u8(0).u8(0).u16(1).u32(12).u32(0).u32(0)
                .toBytes();
        assertNull(RtnetlinkCodec.parseLink(NetlinkMessage.parseAll(noName, noName.length).get(0)));
    }
}
