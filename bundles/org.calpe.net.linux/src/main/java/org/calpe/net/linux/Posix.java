package org.calpe.net.linux;

import java.io.IOException;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * libc through jnr-ffi with errno turned into {@link IOException}s. One instance per component; the
 * constants are the generic Linux values (x86_64 and aarch64 agree).
 */
public final class Posix {

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_BINDTODEVICE = 25;
    /** Receive timestamps (struct timespec, CLOCK_REALTIME) as SCM_TIMESTAMPNS control messages. */
    public static final int SO_TIMESTAMPNS = 35;
    public static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_PKTINFO = 8;
    public static final int IP_RECVTTL = 12;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_JOIN_GROUP = 20;
    public static final int IPV6_LEAVE_GROUP = 21;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int POLLIN = 0x1;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int EINTR = 4;
    public static final int ENOENT = 2;
    public static final int EAGAIN = 11;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENOBUFS = 105;

    private final LibC libc;
    private final Runtime runtime;

    public Posix() {
        this.libc = LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, Boolean.TRUE).load("c");
        this.runtime = Runtime.getRuntime(libc);
    }

    public LibC libc() {
        return libc;
    }

    /** @return errno of the last call on this thread */
    public int errno() {
        return runtime.getLastError();
    }

    /** @return direct memory that is freed when it becomes unreachable */
    public Pointer allocate(int size) {
        return Memory.allocateDirect(runtime, size, true);
    }

    /** Native memory left as it comes: pages nothing writes to need not become resident. */
    public Pointer allocateUncleared(int size) {
        return Memory.allocateDirect(runtime, size, false);
    }

    /** @return an exception for the current errno, prefixed with {@code what} */
    public NativeException error(String what) {
        int e = errno();
        return new NativeException(what + ": " + libc.strerror(e) + " (errno " + e + ")", e);
    }

    /** @return {@code rc} unless it is negative, in which case throws with errno */
    public int check(int rc, String what) throws NativeException {
        if (rc < 0) {
            throw error(what);
        }
        return rc;
    }

    public int socket(int domain, int type, int protocol, String what) throws NativeException {
        return check(libc.socket(domain, type | SOCK_CLOEXEC, protocol), what);
    }

    public void setsockopt(int fd, int level, int name, byte[] value, String what) throws NativeException {
        check(libc.setsockopt(fd, level, name, value, value.length), what);
    }

    public void setsockoptInt(int fd, int level, int name, int value, String what) throws NativeException {
        setsockopt(fd, level, name, Bytes.intNative(value), what);
    }

    /** Closes {@code fd} ignoring errors; negative descriptors are ignored. */
    public void closeQuietly(int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }

    /** An errno-carrying {@link IOException}. */
    public static final class NativeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        public NativeException(String message, int errno) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }
}
