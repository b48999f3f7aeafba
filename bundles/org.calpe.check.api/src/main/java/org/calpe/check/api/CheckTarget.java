package org.calpe.check.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to check and how to connect: one checker block of a {@code real_server}, with every default already
 * inherited (keepalived: {@code connect_ip}/{@code connect_port} default to the real server's address and
 * port, {@code connect_timeout} to the real server's, then the virtual server's, then 5 s). The engine builds
 * one per checker when the configuration is applied and passes the same instance to every check.
 *
 * @param name how logs name the check, keepalived's format: {@code [198.18.0.2]:tcp:80}
 * @param connectTo {@code connect_ip} and {@code connect_port}, a resolved address
 * @param bindAddress {@code bindto}, or {@code null} to let the kernel choose
 * @param bindPort {@code bind_port}, 0 to let the kernel choose
 * @param bindInterface {@code bind_if} (SO_BINDTODEVICE), {@code ""} for none
 * @param fwmark {@code fwmark} (SO_MARK) for the check's packets, 0 for none
 * @param connectTimeout {@code connect_timeout}, positive
 * @param options every keyword of the checker block as Config Admin holds it (the connection keywords the
 *        engine has already applied above included, {@code calpe.*} bookkeeping excluded): a single-valued
 *        keyword maps to its Config Admin value as a String ({@code String.valueOf}: timer keywords such as
 *        {@code delay_loop} hold microseconds, as config.keepalived stores them; a flag gives {@code "true"}), a
 *        keyword with several arguments to a {@code List<String>} of its words, and a nested block (HTTP_GET's
 *        {@code url}) to a {@code List<String>} of canonical one-line renderings, one per occurrence, in file
 *        order (e.g. {@code path "/a b" digest 9b3a status_code 200-299 301}; a word containing blanks is in
 *        double quotes, as keepalived reads it). The engine always puts the effective {@code delay_loop}
 *        (microseconds, inherited from the real or virtual server when the block lacks it) so that a type can
 *        derive defaults from it, the virtual server's own {@code delay_loop} (microseconds, keepalived's 60 s when
 *        the virtual server sets none) under {@code virtual_server.delay_loop} ({@code misc_timeout}'s default),
 *        and the {@code virtualhost} of the real and the virtual
 *        server, when set, under {@code real_server.virtualhost} and {@code virtual_server.virtualhost} (HTTP_GET
 *        and SSL_GET inherit them). The checker type interprets its own keywords. Values have
 *        already been validated by the configuration layer.
 */
public record CheckTarget(String name, InetSocketAddress connectTo, InetAddress bindAddress, int bindPort,
        String bindInterface, int fwmark, Duration connectTimeout, Map<String, Object> options) {

    public CheckTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectTo, "connectTo");
        if (connectTo.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + connectTo);
        }
        if (bindPort < 0 || bindPort > 65535) {
            throw new IllegalArgumentException("bind_port " + bindPort + " outside [0, 65535]");
        }
        Objects.requireNonNull(bindInterface, "bindInterface");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout must be positive: " + connectTimeout);
        }
        options = Map.copyOf(options);
    }

    /** A target with no binding, no mark and no type-specific options, named like keepalived names it. */
    public static CheckTarget of(InetSocketAddress connectTo, Duration connectTimeout) {
        return new CheckTarget(formatName(connectTo), connectTo, null, 0, "", 0, connectTimeout, Map.of());
    }

    /** The same target with {@code bindto} and {@code bind_port} set ({@code null} / 0 for "kernel chooses"). */
    public CheckTarget withBind(InetAddress address, int port) {
        return new CheckTarget(name, connectTo, address, port, bindInterface, fwmark, connectTimeout, options);
    }

    /**
     * The local address to bind before connecting, if {@code bindto} or {@code bind_port} is set: the
     * {@code bindto} address (or the wildcard address of {@link #connectTo()}'s family) with {@code bind_port}
     * (or 0).
     */
    public Optional<InetSocketAddress> localAddress() {
        if (bindAddress == null && bindPort == 0) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(bindAddress != null ? bindAddress : wildcard(), bindPort));
    }

    private InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[connectTo.getAddress() instanceof Inet6Address ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** keepalived's name for a check of {@code address}: {@code [198.18.0.2]:tcp:80}. */
    public static String formatName(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        return "[" + address.getAddress().getHostAddress() + "]:tcp:" + address.getPort();
    }
}
