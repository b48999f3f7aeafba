package org.calpe.check.http.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.calpe.check.api.FailureCause;

/**
 * Evaluates one url's response from the raw byte stream, as keepalived 2.2.7 does (check_http.c, html.c; facts
 * confirmed with its {@code genhash}):
 * <ul>
 * <li>The header ends at the first CRLF CRLF, which must lie within the first {@value #MAX_HEADER} bytes;
 * otherwise the response counts as "no data received".</li>
 * <li>The status code is the three digits after the first blank of the status line, followed by a blank.</li>
 * <li>Content-Length is found with a case-sensitive search for {@code Content-Length:} in everything received up to
 * and including the read that completed the header (so also in the first body bytes, as keepalived does); the
 * number must be followed directly by CR or LF, otherwise the length is unknown.</li>
 * <li>The body is everything after the header until the server closes: chunked framing is not decoded, bytes
 * beyond Content-Length are read. The MD5 digest covers the body, cut at Content-Length when known.</li>
 * <li>The regex sees the header too when body bytes arrived in the read that completed the header (keepalived
 * passes its whole buffer to PCRE2 then), otherwise the body only.</li>
 * </ul>
 * Memory is bounded: the header buffer plus the regex window; the body is streamed.
 */
public final class ResponseEvaluator {
    /** keepalived's MAX_BUFFER_LENGTH - 1: the header must end within this many bytes. */
    public static final int MAX_HEADER = 4095;
    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final UrlSpec url;
    private final MessageDigest md5;
    private final RegexScanner regex;
    private byte[] head = new byte[512];
    private int headLen;
    private boolean extracted;
    private boolean overflow;
    private int status;
    private long contentLength = -1;
    private long bodyBytes;

    /** An evaluator for one response to {@code url}. */
    public ResponseEvaluator(UrlSpec url) {
        this.url = url;
        this.md5 = url.digest().isPresent() ? newMd5() : null;
        this.regex = url.regex().map(RegexScanner::new).orElse(null);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 not available", e);
        }
    }

    /**
     * Feeds the next bytes of the response (one read).
     *
     * @return false once more input cannot change the outcome (the header did not fit): the caller may finish
     */
    public boolean feed(byte[] bytes, int offset, int length) {
        if (overflow || length <= 0) {
            return !overflow;
        }
        if (extracted) {
            body(bytes, offset, length);
            return true;
        }
        int take = Math.min(length, MAX_HEADER - headLen);
        if (head.length < headLen + take) {
            head = Arrays.copyOf(head, Math.min(MAX_HEADER, Math.max(head.length * 2, headLen + take)));
        }
        int searchFrom = Math.max(0, headLen - 3);
        System.arraycopy(bytes, offset, head, headLen, take);
        headLen += take;
        int end = headerEnd(searchFrom);
        if (end < 0) {
            if (headLen >= MAX_HEADER) {
                overflow = true;
                return false;
            }
            return true;
        }
        extracted = true;
        status = statusCode(head, end);
        contentLength = contentLength(head, headLen);
        int first = headLen - end;
        if (first > 0) {
            digest(head, end, first);
            if (regex != null) {
                regex.feed(head, 0, headLen); // keepalived matches its whole buffer, header included
            }
            bodyBytes = first;
        }
        head = null;
        if (take < length) {
            body(bytes, offset + take, length - take);
        }
        return true;
    }

    private void body(byte[] bytes, int offset, int length) {
        digest(bytes, offset, length);
        if (regex != null) {
            regex.feed(bytes, offset, length);
        }
        bodyBytes += length;
    }

    private void digest(byte[] bytes, int offset, int length) {
        if (md5 == null) {
            return;
        }
        long n = length;
        if (contentLength >= 0) {
            n = Math.max(0, Math.min(n, contentLength - bodyBytes));
        }
        if (n > 0) {
            md5.update(bytes, offset, (int) n);
        }
    }

    private int headerEnd(int from) {
        for (int i = from; i + 3 < headLen; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** keepalived's extract_status_code: "HTTP/x.y NNN ..." → NNN, anything else → 0. */
    static int statusCode(byte[] b, int size) {
        int i = 0;
        while (i < size && b[i] != ' ' && b[i] != '\r') {
            i++;
        }
        if (i >= size || b[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= size || b[i] == ' ' || b[i + 3] != ' ') {
            return 0;
        }
        int code = 0;
        for (int k = 0; k < 3; k++) {
            int d = b[i + k] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            code = code * 10 + d;
        }
        return code;
    }

    /**
     * keepalived's extract_content_length over {@code b[0, size)} (stopping at a NUL byte like strstr): the value
     * after the first "Content-Length:", read like strtoul; -1 (unknown) unless it is followed by CR or LF.
     */
    static long contentLength(byte[] b, int size) {
        int limit = size;
        for (int i = 0; i < size; i++) {
            if (b[i] == 0) {
                limit = i;
                break;
            }
        }
        int at = indexOf(b, limit, CONTENT_LENGTH);
        if (at < 0) {
            return -1;
        }
        int p = at + CONTENT_LENGTH.length;
        int q = p;
        while (q < limit && isSpace(b[q])) {
            q++;
        }
        boolean negative = false;
        if (q < limit && (b[q] == '+' || b[q] == '-')) {
            negative = b[q] == '-';
            q++;
        }
        int digits = q;
        long value = 0;
        boolean overflowed = false;
        while (q < limit && b[q] >= '0' && b[q] <= '9') {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                overflowed = true;
            } else {
                value = value * 10 + (b[q] - '0');
            }
            q++;
        }
        int end = q == digits ? p : q; // strtoul leaves end at the start when nothing was converted
        if (end >= limit || (b[end] != '\r' && b[end] != '\n')) {
            return -1;
        }
        if (negative && value != 0 || overflowed) {
            return -1; // strtoul wraps to a huge value: no effective limit
        }
        return value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static int indexOf(byte[] b, int limit, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= limit; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The status code read from the header, 0 if none (yet). */
    public int status() {
        return status;
    }

    /** Body bytes received so far. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Content-Length from the header, -1 if unknown. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * The verdict once the response has ended (the server closed the connection), in keepalived's order: data
     * received, status code, digest, regex.
     */
    public UrlVerdict finish() {
        if (!extracted) {
            return UrlVerdict.failed(FailureCause.RESPONSE, "Read, no data received from server, url " + url.path());
        }
        if (!url.statusCodes().accepts(status)) {
            return UrlVerdict.failed(FailureCause.RESPONSE,
                    "HTTP status code error (" + status + "), url " + url.path());
        }
        if (md5 != null) {
            byte[] got = md5.digest();
            if (!MessageDigest.isEqual(got, url.digest().orElseThrow())) {
                return UrlVerdict.failed(FailureCause.RESPONSE, "MD5 digest error (got "
                        + java.util.HexFormat.of().formatHex(got) + "), url " + url.path());
            }
        }
        if (regex != null && regex.matched() == url.regex().orElseThrow().noMatch()) {
            return UrlVerdict.failed(FailureCause.RESPONSE, "Regex match failed, url " + url.path());
        }
        return UrlVerdict.PASSED;
    }
}
