package org.calpe.genhash;

/** How a genhash run ended, and what keepalived prints for it. */
enum Outcome {
    /** The server closed after a complete head: the digest goes to standard output. */
    DIGEST(null),
    /** The server closed before a complete head: "no data received from remote webserver" on standard error. */
    NO_DATA(null),
    /** connect(2) failed at once (ENETUNREACH). */
    NETWORK_UNREACHABLE("HTTP_CHECK - network unreachable"),
    /** The connection was refused or reset while connecting, or no route to the host. */
    CONNECTION_FAILED("Connection failed"),
    /** No connection (or, with -S, no finished handshake) within the timeout. */
    TIMEOUT_CONNECTING("Timeout connecting"),
    /** The TLS handshake failed. */
    SSL_HANDSHAKE("SSL handshake/communication error connecting to"),
    /** The request could not be written within the timeout (keepalived reports this for -t 0). */
    TIMEOUT_WRITE("Timeout WEB write"),
    /** The request could not be written. */
    SEND_FAILED("Cannot send get request to"),
    /** Nothing arrived within the timeout after the request. */
    TIMEOUT_WEB_READ("Timeout WEB read"),
    /** A pause longer than the timeout in the middle of the response (plain HTTP). */
    TIMEOUT_HTTP_READ("Timeout HTTP read"),
    /** A pause longer than the timeout in the middle of the response (TLS). */
    TIMEOUT_SSL_READ("Timeout SSL read"),
    /** A read failed (e.g. connection reset), plain HTTP. */
    READ_ERROR("Read error with"),
    /** A read failed, TLS. */
    SSL_READ_ERROR("SSL read error from");

    private final String message;

    Outcome(String message) {
        this.message = message;
    }

    /** The line keepalived prints on standard output (its checker's failure text); null for the two ends. */
    String message() {
        return message;
    }
}
