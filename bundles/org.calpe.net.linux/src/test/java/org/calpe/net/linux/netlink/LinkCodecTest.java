package org.calpe.net.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.Macvlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The link messages against keepalived 2.2.7's, as strace showed them for {@code use_vmac} on VRID 51 over eth0
 * (ifindex 3) creating vrrp.51 (ifindex 2). Sequence number 0x1234 here. Little-endian hosts (x86-64, aarch64).
 */
class LinkCodecTest {

    private static final int SEQ = 0x1234;

    @BeforeAll
    static void littleEndian() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "golden bytes are little-endian");
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String clean(String s) {
        return s.replaceAll("\\s", "");
    }

    @Test
    void createsAPrivateMacvlanAsKeepalived() {
        byte[] m = LinkCodec.newMacvlan(Macvlan.privateMode("vrrp.51", 3, MacAddress.parse("00:00:5e:00:01:33")),
                SEQ);
        assertEquals(clean("""
                5c000000 1000 0506 34120000 00000000
                00 00 0000 00000000 00000000 00000000
                1c001200
                  0b000100 6d6163766c616e00
                  0c000200 08000100 01000000
                08000500 03000000
                0b000300 767272702e353100
                0a000100 00005e000133 0000
                """), hex(m));
    }

    @Test
    void bringsTheLinkUp() {
        assertEquals(clean("20000000 1000 0500 34120000 00000000 00000000 02000000 01000000 01000000"),
                hex(LinkCodec.setUp(2, true, SEQ)));
        assertEquals(clean("20000000 1000 0500 34120000 00000000 00000000 02000000 00000000 01000000"),
                hex(LinkCodec.setUp(2, false, SEQ)));
    }

    @Test
    void setsAddressGenerationModeNone() {
        assertEquals(clean("""
                30000000 1000 0500 34120000 00000000
                00000000 02000000 00000000 00000000
                10001a00 0c000a00 05000800 01000000
                """), hex(LinkCodec.addrGenModeNone(2, SEQ)));
    }

    @Test
    void deletesWithFamilyInet() {
        assertEquals(clean("20000000 1100 0500 34120000 00000000 02000000 02000000 00000000 00000000"),
                hex(LinkCodec.deleteLink(2, SEQ)));
    }

    @Test
    void asksForOneLinkByName() {
        assertEquals(clean("""
                2c000000 1200 0100 34120000 00000000
                00000000 00000000 00000000 00000000
                0c000300 767272702e353100
                """), hex(LinkCodec.getLink("vrrp.51", SEQ)));
    }

    @Test
    void parsesKindModeBaseAndAddress() {
        byte[] m = LinkCodec.newMacvlan(new Macvlan("vmac6", 3, MacAddress.parse("00:00:5e:00:02:34"),
                Macvlan.MODE_BRIDGE), SEQ);
        List<NetlinkMessage> all = NetlinkMessage.parseAll(m, m.length);
        LinkDetails d = LinkCodec.parseDetails(all.get(0));
        assertEquals("vmac6", d.link().name());
        assertEquals("macvlan", d.kind());
        assertEquals(Macvlan.MODE_BRIDGE, d.macvlanMode());
        assertEquals(3, d.link().linkIndex());
        assertEquals(MacAddress.parse("00:00:5e:00:02:34"), d.link().mac());
        assertTrue(d.isMacvlan());
        assertFalse(d.isPrivateMacvlan(3, MacAddress.parse("00:00:5e:00:02:34")), "bridge mode is not private");
    }

    @Test
    void aLinkWithoutLinkInfoHasNoKind() {
        byte[] m = new MessageWriter(RtnetlinkCodec.RTM_NEWLINK, 0, SEQ).u8(0).u8(0).u16(1).u32(3).u32(0x1043)
                .u32(0).attrString(RtnetlinkCodec.IFLA_IFNAME, "eth0").toBytes();
        LinkDetails d = LinkCodec.parseDetails(NetlinkMessage.parseAll(m, m.length).get(0));
        assertEquals("", d.kind());
        assertEquals(0, d.macvlanMode());
        assertFalse(d.isMacvlan());
    }
}
