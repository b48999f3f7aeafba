package org.calpe.genhash;

import java.util.OptionalLong;

/**
 * A parsed genhash command line.
 *
 * @param address       the server's address bytes (4 or 16), as {@code inet_pton} read them
 * @param addressText   the address as {@code inet_ntop} writes it (used in the Host header)
 * @param ipv6          whether the address was given as IPv6 (Host header in brackets, even for ::ffff:a.b.c.d)
 * @param port          1..65535
 * @param url           the request target, sent as given
 * @param virtualhost   {@code -V}: Host header (and SNI name with {@code -I}); null when not given
 * @param ssl           {@code -S}
 * @param sni           {@code -I}: send the virtualhost as SNI (only with -S and -V)
 * @param verbose       {@code -v}
 * @param protocol      {@code -P}
 * @param timeoutMicros {@code -t} in microseconds, wrapped to 32 bits like keepalived's unsigned timer;
 *                      default 4294967295 (keepalived's UINT_MAX: about 71 minutes)
 * @param fwmark        {@code -m}, when given (not supported by the JDK)
 */
record GenhashOptions(byte[] address, String addressText, boolean ipv6, int port, String url, String virtualhost,
        boolean ssl, boolean sni, boolean verbose, HttpProtocol protocol, long timeoutMicros, OptionalLong fwmark) {

    /** keepalived's default connection timeout in genhash mode: UINT_MAX microseconds. */
    static final long DEFAULT_TIMEOUT_MICROS = 0xFFFF_FFFFL;

    GenhashOptions {
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The Host header's value: the virtualhost as given, else address:port ([address]:port for IPv6). */
    String hostHeader() {
        if (virtualhost != null) {
            return virtualhost;
        }
        return (ipv6 ? "[" + addressText + "]" : addressText) + ":" + port;
    }
}
