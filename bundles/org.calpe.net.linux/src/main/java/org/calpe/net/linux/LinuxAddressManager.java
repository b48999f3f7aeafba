package org.calpe.net.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.calpe.net.api.AddressManager;
import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.netlink.NetlinkMessage;
import org.calpe.net.linux.netlink.NetlinkSockets;
import org.calpe.net.linux.netlink.RtnetlinkCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Interface addresses over rtnetlink, one request socket per namespace. */
@Component(service = AddressManager.class)
public final class LinuxAddressManager implements AddressManager {

    /** Refused requests run by the first {@link #prepare} ({@link #warmUp}): enough for the JIT's first tier. */
    static final int WARM_UP_ROUNDS = 2_000;

    private final NetlinkSockets sockets;
    private boolean warmed;

    @Activate
    public LinuxAddressManager() {
        this(new Posix());
    }

    LinuxAddressManager(Posix posix) {
        this.sockets = new NetlinkSockets(posix);
    }

    @Override
    public boolean add(NetNamespace namespace, InterfaceAddress address) throws IOException {
        try {
            sockets.get(namespace).request(new AddressRequest(address, true));
            return true;
        } catch (Posix.NativeException e) {
            if (e.errno() == Posix.EEXIST) {
                return false;
            }
            throw new Posix.NativeException("add " + describe(address) + " in " + namespace + ": " + e.getMessage(),
                    e.errno());
        }
    }

    @Override
    public boolean remove(NetNamespace namespace, InterfaceAddress address) throws IOException {
        try {
            sockets.get(namespace).request(new AddressRequest(address, false));
            return true;
        } catch (Posix.NativeException e) {
            if (e.errno() == Posix.EADDRNOTAVAIL || e.errno() == Posix.ENODEV) {
                return false;
            }
            throw new Posix.NativeException("remove " + describe(address) + " in " + namespace + ": "
                    + e.getMessage(), e.errno());
        }
    }

    @Override
    public List<InterfaceAddress> list(NetNamespace namespace) throws IOException {
        List<InterfaceAddress> out = new ArrayList<>();
        for (NetlinkMessage m : sockets.get(namespace).request(RtnetlinkCodec::dumpAddresses)) {
            if (m.type() == RtnetlinkCodec.RTM_NEWADDR) {
                InterfaceAddress a = RtnetlinkCodec.parseAddress(m);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Warms the request path once per service instance (the JIT's work outlives a VRRP engine's update): 30-70 ms
     * of refused requests, paid by the first VRRP instance's start rather than by every start of the appliance.
     */
    @Override
    public synchronized void prepare(NetNamespace namespace) {
        if (!warmed) {
            warmed = true;
            warmUp(namespace, WARM_UP_ROUNDS);
        }
    }

    /** One refused add (see {@link #warmUp}), once the request path has been prepared. */
    @Override
    public synchronized void rehearse(NetNamespace namespace) {
        if (warmed) {
            warmUp(namespace, 1);
        }
    }

    /**
     * Runs the add and remove paths {@code rounds} times in {@code namespace} with requests the kernel refuses (an
     * address on ifindex 0: ENODEV), so that a VRRP takeover's first address add runs compiled code. Run cold at
     * the takeover, building the request, the native send and receive and reading the reply took ~0.2 ms between
     * the new master's first advert and its first gratuitous ARP. Nothing changes in the kernel.
     *
     * @return how many requests the kernel answered (refused) as expected
     */
    int warmUp(NetNamespace namespace, int rounds) {
        InterfaceAddress none;
        try {
            none = InterfaceAddress.of(0, java.net.InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 0}), 32);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        int refused = 0;
        for (int i = 0; i < rounds; i++) {
            try {
                if ((i & 7) == 7) {
                    remove(namespace, none);
                } else {
                    add(namespace, none);
                }
            } catch (Posix.NativeException e) {
                refused += e.errno() == Posix.ENODEV ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                return refused; // no netlink here: nothing to warm
            }
        }
        return refused;
    }

    private static String describe(InterfaceAddress a) {
        return a.address().getHostAddress() + "/" + a.prefixLength() + " ifindex " + a.ifindex();
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }

    /**
     * RTM_NEWADDR or RTM_DELADDR for the request's sequence number. A class, not a lambda: a VRRP takeover adds its
     * first address through here, and linking a lambda at that moment costs a fraction of a millisecond.
     */
    private static final class AddressRequest implements IntFunction<byte[]> {
        private final InterfaceAddress address;
        private final boolean add;

        AddressRequest(InterfaceAddress address, boolean add) {
            this.address = address;
            this.add = add;
        }

        @Override
        public byte[] apply(int seq) {
            return add ? RtnetlinkCodec.newAddress(address, seq) : RtnetlinkCodec.deleteAddress(address, seq);
        }
    }
}
