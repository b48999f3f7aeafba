package org.calpe.check.http.core;

/**
 * Which keepalived requests Netty 4.2's {@code HttpRequestEncoder} writes byte for byte. It cannot (and
 * {@link GetRequest} then writes keepalived's bytes itself) for:
 * <ul>
 * <li>an empty target: the encoder writes {@code GET / HTTP/1.0}, keepalived {@code GET  HTTP/1.0};</li>
 * <li>an absolute target without a path ({@code http://h}, {@code http://h?q}): the encoder inserts a {@code /}
 * (for a target not starting with {@code /} that holds {@code ://} and no {@code /} after it, before any
 * {@code ?});</li>
 * <li>a target with a space, a control character or DEL: {@code DefaultHttpRequest} rejects it;</li>
 * <li>a Host value with a control character, DEL or a leading space: header validation rejects it (tab, which
 * Netty accepts inside a value, is kept away too);</li>
 * <li>non-ASCII characters: the encoder writes the target in UTF-8 and header values in ISO-8859-1 (anything
 * else as {@code ?}), keepalived sends the bytes it was given;</li>
 * <li>a request longer than {@value GetRequest#MAX_LENGTH} bytes, which keepalived cuts.</li>
 * </ul>
 * The rules are conservative: a request they refuse may still encode identically, never the other way round
 * ({@code GetRequestTest} checks that on random requests). org.calpe.genhash embeds this package (bnd
 * -conditionalpackage) and uses the same rules.
 */
public final class RequestEncoding {
    private RequestEncoding() {
    }

    /** True when the encoder writes keepalived's bytes for this target and Host value, the text being {@code length} chars. */
    public static boolean encodable(String target, String host, int length) {
        return length <= GetRequest.MAX_LENGTH && target(target) && headerValue(host);
    }

    private static boolean target(String t) {
        if (t.isEmpty() || slashInserted(t)) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code HttpRequestEncoder} adds a {@code /} to an absolute target that has no path. */
    private static boolean slashInserted(String t) {
        int scheme = t.indexOf("://");
        if (scheme < 0 || t.charAt(0) == '/') {
            return false;
        }
        int authority = scheme + 3;
        int query = t.indexOf('?', authority);
        int slash = query < 0 ? t.lastIndexOf('/') : t.lastIndexOf('/', query);
        return slash < authority;
    }

    private static boolean headerValue(String v) {
        if (!v.isEmpty() && v.charAt(0) == ' ') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
