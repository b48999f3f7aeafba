package org.calpe.genhash;

/** genhash's {@code -P}: the request line's version and whether {@code Connection: close} is sent. */
enum HttpProtocol {
    /** {@code 1.0}: the default, no Connection header. */
    HTTP_1_0(0, false),
    /** {@code 1.0c} / {@code 1.0C}: 1.0 with {@code Connection: close}. */
    HTTP_1_0C(0, true),
    /** {@code 1.1}: always with {@code Connection: close}. */
    HTTP_1_1(1, true);

    private final int minor;
    private final boolean connectionClose;

    HttpProtocol(int minor, boolean connectionClose) {
        this.minor = minor;
        this.connectionClose = connectionClose;
    }

    int minor() {
        return minor;
    }

    boolean connectionClose() {
        return connectionClose;
    }

    /** keepalived accepts exactly these spellings (case matters except for the c); null for anything else. */
    static HttpProtocol parse(String text) {
        switch (text) {
            case "1.0": return HTTP_1_0;
            case "1.0c":
            case "1.0C": return HTTP_1_0C;
            case "1.1": return HTTP_1_1;
            default: return null;
        }
    }
}
