package org.calpe.vrrp.core.runtime;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;

/** A socket for tests of the send path: it records every datagram and its destination, and receives nothing. */
class RecordingSocket implements VrrpSocket {
    final List<byte[]> sent = new ArrayList<>();
    final List<InetAddress> destinations = new ArrayList<>();

    @Override
    public VrrpSocketSpec spec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int ifindex() {
        return 2;
    }

    @Override
    public void send(byte[] packet, InetAddress destination) {
        sent.add(packet.clone());
        destinations.add(destination);
    }

    @Override
    public void joinGroup(InetAddress group) {
    }

    @Override
    public void leaveGroup(InetAddress group) {
    }

    @Override
    public void close() {
    }
}
