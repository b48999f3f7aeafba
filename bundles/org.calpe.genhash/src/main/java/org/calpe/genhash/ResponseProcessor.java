package org.calpe.genhash;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What keepalived 2.2.7's HTTP_GET checker does with the bytes of a response in genhash mode, read by read:
 * the head ends at the first CRLFCRLF of its 4095-byte buffer; the digest covers the raw bytes after it (no
 * chunked decoding, no content coding), at most {@code Content-Length} of them when the head has that exact,
 * case-sensitive field ({@code atoi} of its value; a negative value means no limit); with {@code -v} the head
 * and every digested piece are hex-dumped as they arrive. A head that does not fit in 4095 bytes ends the
 * response as if the server had closed (keepalived reads 0 bytes into a full buffer).
 *
 * <p>Feed it with {@link #read(byte[], int, int)} and at most {@link #room()} bytes a call (one call is one
 * {@code read(2)}); verbose output accumulates in {@link #drain()}.
 */
final class ResponseProcessor {
    /** keepalived's MAX_BUFFER_LENGTH (4096) less the byte kept for a terminating NUL. */
    static final int BUFFER = 4095;
    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(StandardCharsets.US_ASCII);

    static final String HTTP_HEADER_HEXA = "-----------------------[    HTTP Header Buffer    ]-----------------------\n";
    static final String HTTP_HEADER_ASCII = "-----------------------[ HTTP Header Ascii Buffer ]-----------------------\n";
    static final String HTML_HEADER_HEXA = "-----------------------[        HTML Buffer        ]-----------------------\n";
    static final String HTML_HASH = "-----------------------[    HTML hash resulting    ]-----------------------\n";
    static final String HTML_HASH_FINAL = "-----------------------[ HTML hash final resulting ]-----------------------\n";

    private final boolean verbose;
    private final MessageDigest md5;
    private final byte[] buffer = new byte[BUFFER];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int len;
    private boolean extracted;
    /** -1: no Content-Length (keepalived's SIZE_MAX); otherwise the limit, unsigned. */
    private long contentLength = -1;
    private long rxBytes;

    ResponseProcessor(boolean verbose) {
        this.verbose = verbose;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** How many bytes the next read may return; 0 = the head filled the buffer: treat as end of stream. */
    int room() {
        return BUFFER - len;
    }

    /** Whether the head (up to CRLFCRLF) was received. */
    boolean headReceived() {
        return extracted;
    }

    /** One read(2) of {@code n} bytes (1..room()). */
    void read(byte[] data, int off, int n) {
        if (n <= 0 || n > room()) {
            throw new IllegalArgumentException("read of " + n + " bytes, room " + room());
        }
        int oldLen = len;
        System.arraycopy(data, off, buffer, len, n);
        len += n;
        if (!extracted) {
            if (verbose) {
                print(HTTP_HEADER_HEXA);
            }
            int body = headEnd();
            if (body >= 0) {
                extracted = true;
                contentLength = contentLength();
                if (verbose) {
                    HexDump.dump(buffer, 0, body, out);
                    print(HTTP_HEADER_ASCII);
                    int stop = 0;
                    while (stop < body && buffer[stop] != 0) {
                        stop++;
                    }
                    out.write(buffer, 0, stop);
                    out.write('\n');
                }
                int r = len - body;
                if (r > 0 && digestWanted()) {
                    int k = digestable(r);
                    md5.update(buffer, body, k);
                    if (verbose) {
                        print(HTML_HEADER_HEXA);
                        HexDump.dump(buffer, body, k, out);
                    }
                }
                rxBytes = r;
                len = 0;
            }
        } else {
            if (digestWanted()) {
                int k = digestable(n);
                md5.update(buffer, oldLen, k);
                if (verbose) {
                    HexDump.dump(buffer, oldLen, k, out);
                }
            }
            rxBytes += len;
            len = 0;
        }
    }

    /**
     * End of the stream (or a read error): the digest, and with -v its dump. Returns the digest;
     * {@link #headReceived()} tells whether keepalived would print it or "no data received".
     */
    byte[] finish() {
        byte[] digest = md5.digest();
        if (verbose) {
            out.write('\n');
            print(HTML_HASH);
            HexDump.dump(digest, 0, digest.length, out);
            print(HTML_HASH_FINAL);
        }
        return digest;
    }

    /** The verbose output produced since the last call. */
    byte[] drain() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    static String hex(byte[] digest) {
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    private boolean digestWanted() {
        return contentLength == -1 || Long.compareUnsigned(contentLength, rxBytes) > 0;
    }

    private int digestable(int r) {
        if (contentLength == -1 || Long.compareUnsigned(contentLength, rxBytes + r) >= 0) {
            return r;
        }
        return (int) (contentLength - rxBytes);
    }

    /** Index just after the first CRLFCRLF of the buffer, or -1. */
    private int headEnd() {
        for (int i = 0; i + 3 < len; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** strstr(buffer, "Content-Length:") on the NUL-terminated buffer, then atoi; -1 if absent or negative. */
    private long contentLength() {
        int end = 0;
        while (end < len && buffer[end] != 0) {
            end++;
        }
        outer:
        for (int i = 0; i + CONTENT_LENGTH.length <= end; i++) {
            for (int k = 0; k < CONTENT_LENGTH.length; k++) {
                if (buffer[i + k] != CONTENT_LENGTH[k]) {
                    continue outer;
                }
            }
            int from = i + CONTENT_LENGTH.length;
            String rest = new String(buffer, from, end - from, StandardCharsets.ISO_8859_1);
            int v = CNumbers.atoi(rest);
            // atoi's int stored in a size_t: negative values become huge, i.e. no limit (-1 is SIZE_MAX itself)
            return v < 0 ? -1 : v;
        }
        return -1;
    }

    private void print(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
