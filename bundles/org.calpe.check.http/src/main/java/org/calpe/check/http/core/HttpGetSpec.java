package org.calpe.check.http.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one HTTP_GET / SSL_GET checker block, read from {@code CheckTarget.options()}.
 * <p>
 * Keys: {@code url} (one canonical line per url block, in file order), {@code virtualhost}, {@code http_protocol},
 * {@code enable_sni}, {@code fast_recovery}. keepalived falls back from the url's virtualhost to the checker's, then
 * the real server's, then the virtual server's; the engine passes the last two, when set, as
 * {@value #RS_VIRTUALHOST} and {@value #VS_VIRTUALHOST}.
 *
 * @param urls every url, all of which must pass
 * @param virtualhost the checker's {@code virtualhost}
 * @param realServerVirtualhost the real server's {@code virtualhost}
 * @param virtualServerVirtualhost the virtual server's {@code virtualhost}
 * @param protocol {@code http_protocol}
 * @param enableSni {@code enable_sni} (SSL_GET only)
 * @param fastRecovery {@code fast_recovery} (scheduling: the engine's business)
 */
public record HttpGetSpec(List<UrlSpec> urls, Optional<String> virtualhost, Optional<String> realServerVirtualhost,
        Optional<String> virtualServerVirtualhost, HttpProtocol protocol, boolean enableSni, boolean fastRecovery) {

    /** Option key of the real server's virtualhost, filled in by the engine. */
    public static final String RS_VIRTUALHOST = "real_server.virtualhost";
    /** Option key of the virtual server's virtualhost, filled in by the engine. */
    public static final String VS_VIRTUALHOST = "virtual_server.virtualhost";

    public HttpGetSpec {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("HTTP/SSL_GET checker has no urls specified");
        }
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(realServerVirtualhost, "realServerVirtualhost");
        Objects.requireNonNull(virtualServerVirtualhost, "virtualServerVirtualhost");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Reads the options map of a check target.
     *
     * @throws IllegalArgumentException if a value cannot be used (no url, malformed url line, bad protocol)
     */
    public static HttpGetSpec fromOptions(Map<String, Object> options) {
        List<UrlSpec> urls = new ArrayList<>();
        for (String line : strings(options.get("url"))) {
            urls.add(UrlSpec.parse(line));
        }
        return new HttpGetSpec(urls, single(options, "virtualhost"), single(options, RS_VIRTUALHOST),
                single(options, VS_VIRTUALHOST), HttpProtocol.parse(single(options, "http_protocol").orElse(null)),
                flag(options, "enable_sni"), flag(options, "fast_recovery"));
    }

    /** The Host header value source for {@code url}: url, checker, real server, virtual server (keepalived order). */
    public Optional<String> hostFor(UrlSpec url) {
        return url.virtualhost().or(() -> virtualhost).or(() -> realServerVirtualhost)
                .or(() -> virtualServerVirtualhost);
    }

    /**
     * The SNI name for {@code url} when {@code enable_sni} is set: url, checker, then virtual server virtualhost
     * (keepalived's check_ssl.c skips the real server's); empty when SNI is off or no name is set.
     */
    public Optional<String> sniFor(UrlSpec url) {
        if (!enableSni) {
            return Optional.empty();
        }
        return url.virtualhost().or(() -> virtualhost).or(() -> virtualServerVirtualhost);
    }

    private static Optional<String> single(Map<String, Object> options, String key) {
        List<String> v = strings(options.get(key));
        return v.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", v));
    }

    private static boolean flag(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return false;
        }
        String s = single(options, key).orElse("true").trim();
        return s.isEmpty() || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("on") || s.equalsIgnoreCase("yes");
    }

    private static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }
}
