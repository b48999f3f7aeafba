package org.calpe.net.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;

import org.calpe.net.api.MacAddress;

/**
 * Builds the Ethernet frames keepalived sends when an address moves (its {@code vrrp_arp.c} and
 * {@code vrrp_ndisc.c} formats):
 * <ul>
 * <li>gratuitous ARP (RFC 5227 section 3 "ARP Announcement" shape as keepalived sends it): an ARP request to
 * ff:ff:ff:ff:ff:ff, sender hardware address the source MAC, sender and target protocol address the VIP,
 * target hardware address ff:ff:ff:ff:ff:ff; 42 bytes, unpadded;</li>
 * <li>unsolicited neighbour advertisement (RFC 4861 sections 4.4 and 7.2.6): IPv6 from the VIP to ff02::1
 * (Ethernet 33:33:00:00:00:01), hop limit 255, ICMPv6 type 136 with the override flag, the router flag as
 * given, solicited flag clear, and a target link-layer address option; 86 bytes.</li>
 * </ul>
 */
public final class AnnouncementFrames {

    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int GARP_LENGTH = 42;
    public static final int NA_LENGTH = 86;
    private static final byte[] ALL_NODES = {(byte) 0xFF, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private AnnouncementFrames() {
    }

    /** @return the gratuitous ARP frame for {@code address} sent from {@code source} */
    public static byte[] gratuitousArp(MacAddress source, Inet4Address address) {
        byte[] mac = source.toBytes();
        byte[] ip = address.getAddress();
        ByteBuffer b = ByteBuffer.allocate(GARP_LENGTH);
        b.put(MacAddress.BROADCAST.toBytes()).put(mac).putShort((short) ETHERTYPE_ARP);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.putShort((short) 0x0800); // ETHERTYPE_IP
        b.put((byte) 6).put((byte) 4);
        b.putShort((short) 1); // ARPOP_REQUEST
        b.put(mac).put(ip).put(MacAddress.BROADCAST.toBytes()).put(ip);
        return b.array();
    }

    /** @return the unsolicited neighbour advertisement frame for {@code address} sent from {@code source} */
    public static byte[] unsolicitedNeighbourAdvert(MacAddress source, Inet6Address address, boolean router) {
        byte[] mac = source.toBytes();
        byte[] ip = address.getAddress();
        ByteBuffer b = ByteBuffer.allocate(NA_LENGTH);
        b.put(new byte[] {0x33, 0x33, 0, 0, 0, 1}).put(mac).putShort((short) ETHERTYPE_IPV6);
        b.putInt(0x6000_0000); // version 6, traffic class 0, flow label 0
        b.putShort((short) 32); // payload length: NA 24 + option 8
        b.put((byte) 58); // ICMPv6
        b.put((byte) 255); // hop limit
        b.put(ip).put(ALL_NODES);
        int icmp = b.position();
        b.put((byte) 136).put((byte) 0).putShort((short) 0); // type, code, checksum
        b.put((byte) ((router ? 0x80 : 0) | 0x20)).put(new byte[3]); // R, S=0, O=1
        b.put(ip);
        b.put((byte) 2).put((byte) 1).put(mac); // target link-layer address option
        byte[] frame = b.array();
        int sum = icmpv6Checksum(ip, ALL_NODES, frame, icmp, NA_LENGTH - icmp);
        frame[icmp + 2] = (byte) (sum >> 8);
        frame[icmp + 3] = (byte) sum;
        return frame;
    }

    /** @return the ICMPv6 checksum (RFC 4443 section 2.3) of {@code data[offset, offset+length)} */
    public static int icmpv6Checksum(byte[] src, byte[] dst, byte[] data, int offset, int length) {
        long sum = 0;
        sum += sumWords(src, 0, 16) + sumWords(dst, 0, 16);
        sum += length >>> 16;
        sum += length & 0xFFFF;
        sum += 58;
        sum += sumWords(data, offset, length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long sumWords(byte[] data, int offset, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xFF) << 8) | (data[offset + i + 1] & 0xFF);
        }
        if (i < length) {
            sum += (data[offset + i] & 0xFF) << 8;
        }
        return sum;
    }
}
