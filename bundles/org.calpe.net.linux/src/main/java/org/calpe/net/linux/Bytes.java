package org.calpe.net.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Building native structures (sockaddr, ip_mreqn, ...) as byte arrays in host order. */
public final class Bytes {

    private Bytes() {
    }

    public static ByteBuffer nativeBuffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    public static byte[] intNative(int value) {
        return nativeBuffer(4).putInt(value).array();
    }

    /** @return {@code struct sockaddr_in} (16 bytes) */
    public static byte[] sockaddrIn(Inet4Address address) {
        ByteBuffer b = nativeBuffer(16);
        b.putShort((short) Posix.AF_INET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0);
        b.put(address.getAddress());
        return b.array();
    }

    /** @return {@code struct sockaddr_in6} (28 bytes) with {@code scopeId} */
    public static byte[] sockaddrIn6(Inet6Address address, int scopeId) {
        ByteBuffer b = nativeBuffer(28);
        b.putShort((short) Posix.AF_INET6);
        b.putShort((short) 0); // port
        b.putInt(0); // flowinfo
        b.put(address.getAddress());
        b.putInt(scopeId);
        return b.array();
    }

    /** @return sockaddr_in or sockaddr_in6 for {@code address}; link-local IPv6 gets {@code ifindex} as scope */
    public static byte[] sockaddr(InetAddress address, int ifindex) {
        if (address instanceof Inet4Address a) {
            return sockaddrIn(a);
        }
        Inet6Address a6 = (Inet6Address) address;
        int scope = a6.isLinkLocalAddress() || a6.isMulticastAddress() ? ifindex : 0;
        return sockaddrIn6(a6, scope);
    }

    /** @return {@code struct sockaddr_ll} (20 bytes) */
    public static byte[] sockaddrLl(int protocol, int ifindex, byte[] mac) {
        ByteBuffer b = nativeBuffer(20);
        b.putShort((short) Posix.AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(ifindex);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.put((byte) 0); // pkttype
        b.put((byte) (mac == null ? 0 : mac.length));
        if (mac != null) {
            b.put(mac);
        }
        return b.array();
    }

    /** @return {@code struct sockaddr_nl} (12 bytes) */
    public static byte[] sockaddrNl(int pid, int groups) {
        ByteBuffer b = nativeBuffer(12);
        b.putShort((short) Posix.AF_NETLINK);
        b.putShort((short) 0);
        b.putInt(pid);
        b.putInt(groups);
        return b.array();
    }

    /** @return {@code struct ip_mreqn} (12 bytes): group, any local address, interface index */
    public static byte[] ipMreqn(Inet4Address group, int ifindex) {
        ByteBuffer b = nativeBuffer(12);
        b.put(group == null ? new byte[4] : group.getAddress());
        b.put(new byte[4]);
        b.putInt(ifindex);
        return b.array();
    }

    /** @return {@code struct ipv6_mreq} (20 bytes) */
    public static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
        ByteBuffer b = nativeBuffer(20);
        b.put(group.getAddress());
        b.putInt(ifindex);
        return b.array();
    }

    /** @return {@code value} in network byte order as the kernel reads a host-order int (htons) */
    public static int htons(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value & 0xFFFF
                : Short.reverseBytes((short) value) & 0xFFFF;
    }

    /** @return the address in {@code bytes[offset, offset+length)} */
    public static InetAddress address(byte[] bytes, int offset, int length) {
        byte[] a = new byte[length];
        System.arraycopy(bytes, offset, a, 0, length);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + length, e);
        }
    }
}
