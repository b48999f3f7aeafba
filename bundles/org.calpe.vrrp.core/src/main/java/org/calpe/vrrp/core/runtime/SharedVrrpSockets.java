package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.PacketListener;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.calpe.vrrp.core.codec.VrrpCodecException;
import org.calpe.vrrp.core.codec.VrrpConstants;
import org.calpe.vrrp.core.codec.VrrpFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;

/**
 * One raw socket per {@link VrrpSocketSpec} (namespace, family, protocol, interface, group, unicast source, TTL,
 * header mode), shared by the instances of one runtime, as keepalived's socket pool does: a raw socket for
 * protocol 112 (or 51) receives every VRRP datagram of its interface, so one socket per instance would make N
 * instances do N x N receive work. Each real socket has one receive thread; the VRID of each datagram it reads
 * decides which listeners get it: those registered for that VRID only (more than one during an in-place reload, when an old
 * and a new runner of one VRID briefly overlap). A datagram too short to hold a VRID goes to every listener of
 * the socket (each instance counts it, as it did with a socket of its own); one whose VRID no instance of the
 * runtime has on that interface and family is counted here ({@link #unknownVridDatagrams()}) and dropped. The
 * receive thread only queues datagrams; they are dispatched in batches on the runtime's loop, which is woken once
 * per batch instead of once per datagram.
 * <p>
 * {@link #open} returns a handle per instance; the first handle of a spec opens the real socket, the last one
 * closed closes it. Opening and closing run on the runtime's loop (they are synchronized all the same);
 * dispatch takes no lock. Each runtime (engine) has its own, so an engine that hands over and its successor hold
 * two real sockets, as before.
 */
final class SharedVrrpSockets {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");
    private static final int VRIDS = 256;

    /** Datagrams dispatched per task: the loop's timers run between batches. */
    static final int BATCH = 256;

    private final RawIpTransport transport;
    private final Executor dispatcher;
    private final Map<VrrpSocketSpec, Shared> sockets = new ConcurrentHashMap<>();
    /** Unknown-VRID datagrams of the real sockets closed already. */
    private final LongAdder unknownClosed = new LongAdder();

    /**
     * @param dispatcher where datagrams are dispatched to the listeners (the runtime's loop): the receive thread
     *                   queues them and wakes it once per batch, not once per datagram; null for the receive
     *                   thread itself
     */
    SharedVrrpSockets(RawIpTransport transport, Executor dispatcher) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.dispatcher = dispatcher;
    }

    /**
     * Registers {@code listener} for the datagrams of {@code vrid} on the socket {@code spec} describes, opening
     * it if no instance has it open yet.
     *
     * @return the instance's handle: sends go through the shared socket, {@link VrrpSocket#close()} unregisters
     * @throws IOException if the real socket cannot be opened
     */
    synchronized VrrpSocket open(VrrpSocketSpec spec, int vrid, PacketListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID " + vrid + " outside [1, 255]");
        }
        Shared shared = sockets.get(spec);
        if (shared == null) {
            shared = new Shared(spec);
            Handle h = shared.add(vrid, listener);
            try {
                shared.real = transport.open(spec, shared);
            } catch (IOException | RuntimeException e) {
                shared.remove(h);
                throw e;
            }
            sockets.put(spec, shared);
            LOG.debug("opened shared VRRP socket {}", shared.real);
            return h;
        }
        return shared.add(vrid, listener);
    }

    /** @return the real sockets open now */
    int openSockets() {
        return sockets.size();
    }

    /** @return the datagrams dropped because no instance has their VRID, over every socket this runtime had */
    long unknownVridDatagrams() {
        return unknownClosed.sum() + sockets.values().stream().mapToLong(s -> s.unknown.sum()).sum();
    }

    private synchronized void close(Handle h) {
        if (h.closed) {
            return;
        }
        Shared shared = h.shared;
        List<InetAddress> left = shared.remove(h);
        for (InetAddress g : left) {
            try {
                shared.real.leaveGroup(g);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot leave {} on {}: {}", g.getHostAddress(), shared.real, e.toString());
            }
        }
        if (shared.handles.isEmpty()) {
            shared.closed = true;
            sockets.remove(shared.spec, shared);
            unknownClosed.add(shared.unknown.sum());
            shared.real.close();
            LOG.debug("closed shared VRRP socket {} ({} datagrams with an unknown VRID)", shared.real,
                    shared.unknown.sum());
        }
    }

    private synchronized void join(Handle h, InetAddress group) throws IOException {
        if (h.closed) {
            throw new IOException("socket closed");
        }
        Shared shared = h.shared;
        int users = shared.groups.getOrDefault(group, 0);
        if (users == 0) {
            shared.real.joinGroup(group);
        }
        shared.groups.put(group, users + 1);
        h.groups.add(group);
    }

    private synchronized void leave(Handle h, InetAddress group) throws IOException {
        if (h.closed || !h.groups.remove(group)) {
            return; // not joined through this handle: another instance's membership stays
        }
        Shared shared = h.shared;
        int users = shared.groups.getOrDefault(group, 0) - 1;
        if (users <= 0) {
            shared.groups.remove(group);
            shared.real.leaveGroup(group);
        } else {
            shared.groups.put(group, users);
        }
    }

    /**
     * The VRID of a datagram as the instances read it ({@link VrrpFrame#locate}: on IPv4 after the IP header
     * and, when the IP protocol is AH, the AH header; on IPv6 the payload starts with VRRP, or with AH on an AH
     * socket), or -1 if it is too short to hold one.
     */
    static int vrid(byte[] data, IpFamily family, int protocol) {
        try {
            if (family == IpFamily.INET) {
                return VrrpFrame.locate(org.calpe.vrrp.core.codec.IpFamily.IPV4, Unpooled.wrappedBuffer(data)).vrid();
            }
            int skip = protocol == VrrpSocketSpec.PROTO_AH ? VrrpConstants.AH_HEADER_LENGTH : 0;
            return data.length < skip + VrrpConstants.VRRP_HEADER_LENGTH ? -1 : data[skip + 1] & 0xff;
        } catch (VrrpCodecException e) {
            return -1;
        }
    }

    /** Whether an instance of this runtime has {@code vrid} on another socket of the same interface and family. */
    private boolean claimedElsewhere(Shared asking, int vrid) {
        for (Shared s : sockets.values()) {
            if (s != asking && s.listeners.get(vrid).length > 0 && s.spec.family() == asking.spec.family()
                    && s.spec.namespace().equals(asking.spec.namespace())
                    && Objects.equals(s.spec.interfaceName(), asking.spec.interfaceName())) {
                return true;
            }
        }
        return false;
    }

    /** One real socket and its listeners by VRID. */
    private final class Shared implements PacketListener {
        private static final PacketListener[] NONE = new PacketListener[0];
        final VrrpSocketSpec spec;
        /** Per VRID, the listeners; replaced (copy on write) under the registry's lock, read without it. */
        final AtomicReferenceArray<PacketListener[]> listeners = new AtomicReferenceArray<>(VRIDS);
        final List<Handle> handles = new ArrayList<>();
        final Map<InetAddress, Integer> groups = new HashMap<>();
        final LongAdder unknown = new LongAdder();
        final Queue<ReceivedPacket> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile PacketListener[] all = NONE;
        /** Set once the last handle closed: queued datagrams are dropped uncounted. */
        volatile boolean closed;
        VrrpSocket real;

        Shared(VrrpSocketSpec spec) {
            this.spec = spec;
            for (int i = 0; i < VRIDS; i++) {
                listeners.set(i, NONE);
            }
        }

        Handle add(int vrid, PacketListener l) {
            Handle h = new Handle(this, vrid, l);
            handles.add(h);
            listeners.set(vrid, with(listeners.get(vrid), l));
            all = with(all, l);
            return h;
        }

        /** @return the groups nobody is joined to any more */
        List<InetAddress> remove(Handle h) {
            h.closed = true;
            if (!handles.remove(h)) {
                return List.of();
            }
            listeners.set(h.vrid, without(listeners.get(h.vrid), h.listener));
            all = without(all, h.listener);
            List<InetAddress> left = new ArrayList<>();
            for (InetAddress g : h.groups) {
                int users = groups.getOrDefault(g, 0) - 1;
                if (users <= 0) {
                    groups.remove(g);
                    left.add(g);
                } else {
                    groups.put(g, users);
                }
            }
            h.groups.clear();
            return left;
        }

        /** On the receive thread: queues the datagram and has the dispatcher drain the queue unless it will. */
        @Override
        public void packetReceived(ReceivedPacket packet) {
            if (dispatcher == null) {
                dispatch(packet);
                return;
            }
            queue.add(packet);
            if (scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }

        private void schedule() {
            try {
                dispatcher.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queue.clear(); // the runtime is shutting down
            }
        }

        /** Dispatches everything queued so far (on the dispatcher's thread, or when there is none). */
        void drainNow() {
            ReceivedPacket p;
            while (!closed && (p = queue.poll()) != null) {
                dispatch(p);
            }
        }

        private void drain() {
            scheduled.set(false);
            if (closed) {
                queue.clear();
                return;
            }
            ReceivedPacket p;
            for (int n = 0; n < BATCH && (p = queue.poll()) != null; n++) {
                dispatch(p);
            }
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }

        private void dispatch(ReceivedPacket packet) {
            int vrid = vrid(packet.data(), spec.family(), spec.protocol());
            PacketListener[] to = vrid < 0 ? all : listeners.get(vrid);
            if (to.length == 0) {
                if (vrid >= 0 && !claimedElsewhere(this, vrid)) {
                    unknown.increment();
                    LOG.debug("Unknown VRID {} on {} from {}: dropped", vrid, spec.interfaceName(),
                            packet.source().getHostAddress());
                }
                return;
            }
            for (int i = 0; i < to.length; i++) {
                // every receiver owns its array (ReceivedPacket's contract): copies for all but the last
                ReceivedPacket p = i == to.length - 1 ? packet
                        : new ReceivedPacket(packet.data().clone(), packet.source(), packet.destination(),
                                packet.ifindex(), packet.ttl(), packet.receivedNanos());
                try {
                    to[i].packetReceived(p);
                } catch (RuntimeException e) {
                    LOG.error("VRRP listener on {} failed", spec.interfaceName(), e);
                }
            }
        }

        @Override
        public void receiveFailed(Exception cause) {
            for (PacketListener l : all) {
                l.receiveFailed(cause);
            }
        }

        private static PacketListener[] with(PacketListener[] a, PacketListener l) {
            PacketListener[] b = java.util.Arrays.copyOf(a, a.length + 1);
            b[a.length] = l;
            return b;
        }

        private static PacketListener[] without(PacketListener[] a, PacketListener l) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] == l) {
                    PacketListener[] b = new PacketListener[a.length - 1];
                    System.arraycopy(a, 0, b, 0, i);
                    System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                    return b;
                }
            }
            return a;
        }
    }

    /** One instance's view of a shared socket. */
    private final class Handle implements VrrpSocket {
        final Shared shared;
        final int vrid;
        final PacketListener listener;
        /** The groups joined through this handle (one entry per join); guarded by the registry. */
        final List<InetAddress> groups = new ArrayList<>();
        volatile boolean closed;

        Handle(Shared shared, int vrid, PacketListener listener) {
            this.shared = shared;
            this.vrid = vrid;
            this.listener = listener;
        }

        @Override
        public VrrpSocketSpec spec() {
            return shared.spec;
        }

        @Override
        public int ifindex() {
            return shared.real.ifindex();
        }

        /**
         * Reads what the kernel holds for the real socket and dispatches everything queued for the listeners,
         * this instance's VRID and the others', now; on the dispatcher (the runtime's loop) only.
         */
        @Override
        public void receivePending() throws IOException {
            if (closed) {
                return;
            }
            shared.real.receivePending();
            shared.drainNow();
        }

        @Override
        public void send(byte[] packet, InetAddress destination) throws IOException {
            if (closed) {
                throw new IOException("socket closed");
            }
            shared.real.send(packet, destination);
        }

        /** The instance withdraws its rounds before it closes its handle: the real socket outlives it. */
        @Override
        public org.calpe.net.api.ScheduledSend sendAt(long atNanos, List<byte[]> packets,
                List<InetAddress> destinations) throws IOException {
            if (closed) {
                throw new IOException("socket closed");
            }
            return shared.real.sendAt(atNanos, packets, destinations);
        }

        @Override
        public void joinGroup(InetAddress group) throws IOException {
            join(this, group);
        }

        /** Leaves a group joined through this handle once it has no other user; other groups stay. */
        @Override
        public void leaveGroup(InetAddress group) throws IOException {
            leave(this, group);
        }

        @Override
        public void close() {
            SharedVrrpSockets.this.close(this);
        }

        @Override
        public void warmUp() {
            shared.real.warmUp();
        }

        @Override
        public String toString() {
            return "VRID " + vrid + " on " + shared.real;
        }
    }
}
