package org.calpe.net.api;

import java.io.IOException;
import java.nio.channels.NetworkChannel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Socket options the JDK does not offer, set on a JDK socket channel before it is used: keepalived's checker
 * keywords {@code bind_if} ({@code SO_BINDTODEVICE}) and {@code fwmark} ({@code SO_MARK}). keepalived 2.2.7 sets
 * the mark first, then the device, then binds and connects; callers do the same.
 * <p>
 * The channel must be a JDK channel ({@link java.nio.channels.SocketChannel},
 * {@link java.nio.channels.ServerSocketChannel} or {@link java.nio.channels.DatagramChannel} from the default
 * provider) that is open. An implementation may need JVM options to reach the channel's descriptor; without them
 * every call fails with an {@link IOException} that names the missing option.
 */
@ProviderType
public interface SocketTuning {

    /**
     * Binds {@code channel}'s socket to the interface {@code ifname} ({@code SO_BINDTODEVICE}): its packets leave,
     * and it accepts packets arriving, through that interface only. An empty name removes the binding.
     *
     * @throws IOException with the kernel's error text (e.g. {@code No such device (errno 19)}), or when the
     *         channel's descriptor cannot be reached
     */
    void bindToDevice(NetworkChannel channel, String ifname) throws IOException;

    /**
     * Marks every packet {@code channel}'s socket sends with {@code mark} ({@code SO_MARK}, an unsigned 32-bit
     * value held in an int), for policy routing ({@code ip rule fwmark}) and netfilter. 0 removes the mark.
     *
     * @throws IOException with the kernel's error text (e.g. {@code Operation not permitted (errno 1)} without
     *         CAP_NET_ADMIN), or when the channel's descriptor cannot be reached
     */
    void setMark(NetworkChannel channel, int mark) throws IOException;
}
