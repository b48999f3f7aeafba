package org.calpe.config.keepalived.lexer;

import java.util.List;

/**
 * keepalived's include checks as a bit set: {@code include_check [OPTIONS]} sets the level of the current file
 * (restored when an included file ends), and {@code includer/m/w/b/a} add checks for one include. As keepalived
 * 2.2.7 behaves (its man page differs): the options are {@code read} (not "readable"), {@code match},
 * {@code wildcard_match} and {@code brace_match}; adding one of the last three also adds {@code read}; plain
 * options replace the level, {@code +}/{@code -} ones change it; {@code includew} also fails a missing
 * non-wildcard file although {@code include_check wildcard_match} does not.
 */
final class IncludeChecks {
    static final int NONE = 0;
    static final int READABLE = 1;
    static final int MATCH = 2;
    static final int WILDCARD_MATCH = 4;
    static final int BRACE_MATCH = 8;
    static final int ALL = READABLE | MATCH | WILDCARD_MATCH | BRACE_MATCH;

    private IncludeChecks() {
    }

    /** The checks added by an include keyword's suffix letter, or -1 if it is no include variant. */
    static int forVariant(char suffix) {
        return switch (suffix) {
            case 'r' -> READABLE;
            case 'm' -> MATCH | READABLE;
            case 'w' -> WILDCARD_MATCH | MATCH | READABLE;
            case 'b' -> BRACE_MATCH | READABLE;
            case 'a' -> ALL;
            default -> -1;
        };
    }

    /**
     * The level after {@code include_check} with the given option words. No option means all checks; options
     * prefixed {@code +} or {@code -} add to or remove from the current level, plain options replace it.
     * Unknown options are ignored here (the keyword parser reports them).
     */
    static int apply(int current, List<String> options) {
        if (options.isEmpty()) {
            return ALL;
        }
        String first = options.get(0);
        int level = first.startsWith("+") || first.startsWith("-") ? current : NONE;
        boolean add = true;
        for (String option : options) {
            String name = option;
            if (name.startsWith("+") || name.startsWith("-")) {
                add = name.charAt(0) == '+';
                name = name.substring(1);
            }
            int bits = switch (name) {
                case "read" -> READABLE;
                case "match" -> MATCH | READABLE;
                case "wildcard_match" -> WILDCARD_MATCH | READABLE;
                case "brace_match" -> BRACE_MATCH | READABLE;
                default -> NONE;
            };
            if (add) {
                level |= bits;
            } else {
                level &= ~(bits & ~READABLE);
                if (name.equals("read")) {
                    level &= ~READABLE;
                }
            }
        }
        return level;
    }
}
