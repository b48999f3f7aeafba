package org.calpe.check.http.core;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code url} block of an HTTP_GET or SSL_GET checker.
 *
 * @param path the path sent in the request line, as configured
 * @param digest the expected MD5 of the body (16 bytes), empty if none
 * @param statusCodes accepted status codes (keepalived's default 200-299 when none are set)
 * @param virtualhost the url's own {@code virtualhost}, empty if none
 * @param regex the url's {@code regex} and tuning, empty if none
 */
public record UrlSpec(String path, Optional<byte[]> digest, StatusCodes statusCodes, Optional<String> virtualhost,
        Optional<RegexSpec> regex) {

    private static final Set<String> KEYWORDS = Set.of("path", "digest", "status_code", "virtualhost", "regex",
            "regex_no_match", "regex_options", "regex_min_offset", "regex_max_offset", "regex_stack");

    public UrlSpec {
        Objects.requireNonNull(path, "path");
        digest = digest.map(byte[]::clone);
        Objects.requireNonNull(statusCodes, "statusCodes");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(regex, "regex");
    }

    @Override
    public Optional<byte[]> digest() {
        return digest.map(byte[]::clone);
    }

    /** The expected digest as 32 lower-case hex digits, empty if none. */
    public Optional<String> digestHex() {
        return digest.map(d -> HexFormat.of().formatHex(d));
    }

    /**
     * Parses a canonical one-line rendering, e.g. {@code path "/a b" digest 9b3a… status_code 200-299 301}.
     *
     * @throws IllegalArgumentException if the line has no path, a malformed digest or a regex Java cannot compile
     */
    public static UrlSpec parse(String line) {
        List<String> words = Words.split(line);
        String path = null;
        byte[] digest = null;
        List<String> codes = new ArrayList<>();
        String vhost = null;
        String regex = null;
        boolean noMatch = false;
        List<String> options = new ArrayList<>();
        long min = 0;
        long max = -1;
        int i = 0;
        while (i < words.size()) {
            String kw = words.get(i++);
            switch (kw) {
                case "path" -> path = arg(words, i++, kw);
                case "digest" -> digest = parseDigest(arg(words, i++, kw));
                case "virtualhost" -> vhost = arg(words, i++, kw);
                case "regex" -> regex = arg(words, i++, kw);
                case "regex_no_match" -> noMatch = true;
                case "regex_min_offset" -> min = Long.parseLong(arg(words, i++, kw));
                case "regex_max_offset" -> max = Long.parseLong(arg(words, i++, kw));
                case "regex_stack" -> i += 2; // PCRE2 JIT stack sizes: no meaning for java.util.regex
                case "status_code" -> {
                    while (i < words.size() && !KEYWORDS.contains(words.get(i))) {
                        codes.add(words.get(i++));
                    }
                }
                case "regex_options" -> {
                    while (i < words.size() && !KEYWORDS.contains(words.get(i))) {
                        options.add(words.get(i++));
                    }
                }
                default -> throw new IllegalArgumentException("unknown url keyword " + kw + " in: " + line);
            }
        }
        if (path == null) {
            throw new IllegalArgumentException("HTTP/SSL_GET checker url has no path: " + line);
        }
        Optional<RegexSpec> rx = regex == null ? Optional.empty()
                : Optional.of(RegexSpec.compile(regex, options, noMatch, min, max));
        return new UrlSpec(path, Optional.ofNullable(digest), StatusCodes.parse(codes), Optional.ofNullable(vhost),
                rx);
    }

    private static String arg(List<String> words, int i, String kw) {
        if (i >= words.size()) {
            throw new IllegalArgumentException("url keyword " + kw + " needs a value");
        }
        return words.get(i);
    }

    private static byte[] parseDigest(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("digest '" + hex + "' character length should be 32 rather than "
                    + hex.length());
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "UrlSpec[path=" + path + ", digest=" + digestHex().orElse("-") + ", status=" + statusCodes
                + ", virtualhost=" + virtualhost.orElse("-") + ", regex=" + regex.map(RegexSpec::source).orElse("-")
                + "]";
    }
}
