package org.calpe.check.tcp.channel;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

import org.calpe.check.api.CheckTarget;
import org.calpe.net.api.SocketTuning;

import io.netty.channel.ChannelFactory;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Where a check's channel comes from (TCP_CHECK; HTTP_GET, SSL_GET and genhash carry a private copy of this
 * package through bnd's {@code -conditionalpackage}, never an import). A target without {@code bind_if} and {@code fwmark} gets a plain NIO channel.
 * With them, the JDK socket channel is opened here, given keepalived's options in keepalived's order
 * ({@code SO_MARK}, then {@code SO_BINDTODEVICE}; both before the bind and the connect, which Netty does) through
 * the {@link SocketTuning} service, and only then wrapped as a Netty channel. A failure is keepalived's
 * {@code connect_error} (no verdict, logged as keepalived logs it), e.g.
 * {@code Checker can't bind to device eth9: No such device (errno 19)}.
 */
public final class TunedChannels {
    /** The plain path: what {@code Bootstrap.channel(NioSocketChannel.class)} would create. */
    public static final ChannelFactory<NioSocketChannel> PLAIN = NioSocketChannel::new;

    private TunedChannels() {
    }

    /** @return true if {@code target} needs socket options that only {@link SocketTuning} sets */
    public static boolean needed(CheckTarget target) {
        return !target.bindInterface().isEmpty() || target.fwmark() != 0;
    }

    /**
     * @param tuning the service, or null when none is available
     * @return {@link #PLAIN} when the target needs no tuning, else a factory handing out one tuned channel
     * @throws IOException with the check's error text when the options cannot be applied
     */
    public static ChannelFactory<NioSocketChannel> forTarget(CheckTarget target, SocketTuning tuning) throws IOException {
        if (!needed(target)) {
            return PLAIN;
        }
        if (tuning == null) {
            throw noTuning(target);
        }
        SocketChannel channel = SelectorProvider.provider().openSocketChannel();
        try {
            tune(channel, target, tuning);
            NioSocketChannel tuned = new NioSocketChannel(channel);
            return () -> tuned;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the socket of a check that needs no Netty channel (TCP_CHECK): a JDK socket channel of the target's
     * address family (AF_INET for an IPv4 target, as keepalived's socket), with {@code bind_if} and
     * {@code fwmark} applied as {@link #forTarget} applies them. It is in blocking mode, as the JDK opens it: the
     * caller switches it (TCP_CHECK's connect does, whatever opened its socket).
     *
     * @param tuning the service, or null when none is available
     * @throws IOException with the check's error text when the socket cannot be opened or tuned
     */
    public static SocketChannel open(CheckTarget target, SocketTuning tuning) throws IOException {
        if (needed(target) && tuning == null) {
            throw noTuning(target);
        }
        SocketChannel channel = SelectorProvider.provider().openSocketChannel(
                target.connectTo().getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET);
        try {
            if (needed(target)) {
                tune(channel, target, tuning);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void tune(SocketChannel channel, CheckTarget target, SocketTuning tuning) throws IOException {
        if (target.fwmark() != 0) {
            try {
                tuning.setMark(channel, target.fwmark());
            } catch (IOException e) {
                throw new IOException("Error setting fwmark " + Integer.toUnsignedString(target.fwmark())
                        + " to socket: " + e.getMessage(), e);
            }
        }
        if (!target.bindInterface().isEmpty()) {
            try {
                tuning.bindToDevice(channel, target.bindInterface());
            } catch (IOException e) {
                throw new IOException("Checker can't bind to device " + target.bindInterface() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static IOException noTuning(CheckTarget target) {
        return new IOException(describe(target) + " needs the socket tuning service (org.calpe.net.linux), "
                + "which is not available");
    }

    private static String describe(CheckTarget target) {
        String bind = target.bindInterface().isEmpty() ? "" : "bind_if " + target.bindInterface();
        String mark = target.fwmark() == 0 ? "" : "fwmark " + Integer.toUnsignedString(target.fwmark());
        return bind.isEmpty() ? mark : mark.isEmpty() ? bind : bind + " and " + mark;
    }
}
