package org.calpe.check.http.core;

/** keepalived's {@code http_protocol}: the request line version and whether "Connection: close" is sent. */
public enum HttpProtocol {
    /** {@code GET … HTTP/1.0}, no Connection header (keepalived's default). */
    HTTP_1_0("1.0", 0, false),
    /** {@code GET … HTTP/1.0} with {@code Connection: close}. */
    HTTP_1_0C("1.0C", 0, true),
    /** {@code GET … HTTP/1.1} with {@code Connection: close}. */
    HTTP_1_1("1.1", 1, true);

    private final String keyword;
    private final int minor;
    private final boolean connectionClose;

    HttpProtocol(String keyword, int minor, boolean connectionClose) {
        this.keyword = keyword;
        this.minor = minor;
        this.connectionClose = connectionClose;
    }

    /** The value as keepalived.conf writes it. */
    public String keyword() {
        return keyword;
    }

    int minor() {
        return minor;
    }

    boolean connectionClose() {
        return connectionClose;
    }

    /** Parses {@code 1.0}, {@code 1.0C}/{@code 1.0c}, {@code 1.1}; {@code null} or empty gives the default. */
    public static HttpProtocol parse(String value) {
        if (value == null || value.isEmpty()) {
            return HTTP_1_0;
        }
        switch (value) {
            case "1.0":
                return HTTP_1_0;
            case "1.0C", "1.0c":
                return HTTP_1_0C;
            case "1.1":
                return HTTP_1_1;
            default:
                throw new IllegalArgumentException("Invalid http_protocol version " + value);
        }
    }
}
