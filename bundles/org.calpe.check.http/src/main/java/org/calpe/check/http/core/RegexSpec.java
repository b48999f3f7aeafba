package org.calpe.check.http.core;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A url's {@code regex} with its tuning keywords. keepalived compiles the pattern with PCRE2; Calpe uses
 * {@link java.util.regex} and maps the {@code regex_options} that change what matches: caseless, dotall,
 * extended, multiline, ucp and utf (Unicode classes and case folding), ungreedy (quantifiers' greediness is
 * swapped in the pattern) and firstline (the match must start in the first line). The other PCRE2 options accepted
 * by keepalived (allow_empty_class, alt_bsux, auto_callout, dollar_endonly, dupnames, match_unset_backref,
 * never_ucp, never_utf, no_auto_capture, no_auto_possess, no_dotstar_anchor, no_start_optimize,
 * never_backslash_c, alt_circumflex, alt_verbnames, use_offset_limit) tune compilation or error handling, or only
 * matter at the very end of the subject, which keepalived's partial matching never reaches; they are accepted and
 * have no effect. The response is matched byte for byte (ISO-8859-1), as PCRE2 without utf does.
 *
 * @param pattern the compiled pattern
 * @param source the pattern as configured
 * @param noMatch {@code regex_no_match}: the url passes when the pattern does not match
 * @param minOffset {@code regex_min_offset}: the match must start at or after this offset (0: anywhere)
 * @param maxOffset {@code regex_max_offset}: the match must start at or before this offset, -1 for no limit
 * @param firstLine the PCRE2 option firstline
 */
public record RegexSpec(Pattern pattern, String source, boolean noMatch, long minOffset, long maxOffset,
        boolean firstLine) {

    public RegexSpec {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Compiles {@code source} with keepalived's option names. keepalived drops both offsets when min is not below
     * max ("regex min offset … > regex_max_offset … - ignoring").
     *
     * @throws java.util.regex.PatternSyntaxException if Java cannot compile the pattern
     */
    public static RegexSpec compile(String source, Collection<String> options, boolean noMatch, long minOffset,
            long maxOffset) {
        int flags = 0;
        boolean ungreedy = false;
        boolean firstLine = false;
        for (String o : options) {
            switch (o) {
                case "caseless" -> flags |= Pattern.CASE_INSENSITIVE;
                case "dotall" -> flags |= Pattern.DOTALL;
                case "extended" -> flags |= Pattern.COMMENTS;
                case "multiline" -> flags |= Pattern.MULTILINE;
                case "ucp" -> flags |= Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
                case "utf" -> flags |= Pattern.UNICODE_CASE;
                case "ungreedy" -> ungreedy = true;
                case "firstline" -> firstLine = true;
                default -> {
                    // accepted, no effect (see the class comment)
                }
            }
        }
        long min = minOffset;
        long max = maxOffset;
        if (max >= 0 && min > max) {
            min = 0;
            max = -1;
        }
        Pattern p = Pattern.compile(ungreedy ? Ungreedy.swap(source) : source, flags);
        return new RegexSpec(p, source, noMatch, min, max, firstLine);
    }
}
