package org.calpe.check.http.core;

import java.util.regex.Matcher;

/**
 * Matches a {@link RegexSpec} against a response stream in bounded memory, the way keepalived's PCRE2 partial
 * matching does: the subject is fed chunk by chunk; the first match starting at or after {@code regex_min_offset}
 * decides, and it counts only if it starts at or before {@code regex_max_offset}. A match that could still change
 * with more input (Java's {@link Matcher#requireEnd()}, PCRE2's partial hard match) waits for more input, so, as in
 * keepalived, nothing matches at the very end of the stream. A possible match may span at most {@link #KEEP}
 * bytes of earlier chunks (keepalived: its 4 KiB buffer).
 */
final class RegexScanner {
    /** Bytes kept from earlier chunks while a match may still be in progress. */
    static final int KEEP = 4095;
    /** Bytes of context kept before the search position for lookbehind and anchors. */
    private static final int CONTEXT = 256;

    private final RegexSpec spec;
    private final StringBuilder window = new StringBuilder();
    private long windowStart;
    private long searchFrom;
    private long firstNewline = -1;
    private boolean done;
    private boolean matched;

    RegexScanner(RegexSpec spec) {
        this.spec = spec;
        this.searchFrom = spec.minOffset();
    }

    /** True once a match at an acceptable offset was found. */
    boolean matched() {
        return matched;
    }

    /** Feeds the next {@code length} bytes of the subject. */
    void feed(byte[] bytes, int offset, int length) {
        if (done || length <= 0) {
            return;
        }
        long before = windowStart + window.length();
        for (int i = 0; i < length; i++) {
            char c = (char) (bytes[offset + i] & 0xff);
            if (c == '\n' && firstNewline < 0) {
                firstNewline = before + i;
            }
            window.append(c);
        }
        scan();
    }

    private void scan() {
        long end = windowStart + window.length();
        if (spec.maxOffset() >= 0 && searchFrom > spec.maxOffset()) {
            finish(false);
            return;
        }
        if (searchFrom >= end) {
            trim(end);
            return;
        }
        Matcher m = spec.pattern().matcher(window);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        m.region((int) (searchFrom - windowStart), window.length());
        if (m.find()) {
            long start = windowStart + m.start();
            if (m.requireEnd() || (m.hitEnd() && m.end() == window.length())) {
                // may still change with more input: search again from here next time
                searchFrom = start;
                trim(Math.max(start, end - KEEP));
                if (searchFrom < windowStart) {
                    searchFrom = windowStart;
                }
                return;
            }
            boolean inFirstLine = !spec.firstLine() || firstNewline < 0 || start <= firstNewline;
            finish(inFirstLine && (spec.maxOffset() < 0 || start <= spec.maxOffset()));
        } else if (m.hitEnd()) {
            searchFrom = Math.max(searchFrom, end - KEEP);
            trim(searchFrom);
        } else {
            searchFrom = end;
            trim(end);
        }
    }

    /** Drops what lies more than {@link #CONTEXT} bytes before {@code keepFrom}. */
    private void trim(long keepFrom) {
        long cut = keepFrom - CONTEXT;
        if (cut > windowStart) {
            int drop = (int) Math.min(window.length(), cut - windowStart);
            window.delete(0, drop);
            windowStart += drop;
        }
    }

    private void finish(boolean result) {
        done = true;
        matched = result;
        window.setLength(0);
        window.trimToSize();
    }
}
