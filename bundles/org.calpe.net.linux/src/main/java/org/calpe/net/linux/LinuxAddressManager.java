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

    private final NetlinkSockets sockets;

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
