package org.calpe.check.misc;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;

/**
 * A {@code MISC_CHECK} block's own keywords, read from {@link org.calpe.check.api.CheckTarget#options()}:
 * <ul>
 * <li>{@code misc_path}: the command line, split as keepalived splits it ({@link ScriptCommand#parse});</li>
 * <li>{@code misc_timeout}: whole seconds; when absent or 0, keepalived uses the virtual server's own
 * {@code delay_loop} ({@code vs->delay_loop}, not one set in the checker or real server), which the engine puts
 * under {@code virtual_server.delay_loop} in microseconds; without it the effective {@code delay_loop}, and
 * without that keepalived's default of 60 s;</li>
 * <li>{@code misc_dynamic}: a flag;</li>
 * <li>{@code user}: {@code USER [GROUP]}; absent = the script runner's default ({@code script_user}, else
 * {@code keepalived_script}, else the runner's own user), as keepalived's {@code set_default_script_user}.</li>
 * </ul>
 * A value may arrive as a String, a {@code List<String>} of words or a {@code String[]} (Config Admin's form).
 *
 * @param command the script and its arguments
 * @param timeout after this the script's process group gets SIGTERM (SIGKILL 2 s later)
 * @param dynamic whether exit codes 2–255 mean success with weight {@code code - 2}
 * @param user    who runs the script; empty = the runner's default
 */
record MiscSettings(ScriptCommand command, Duration timeout, boolean dynamic, Optional<RunAs> user) {

    static final String MISC_PATH = "misc_path";
    static final String MISC_TIMEOUT = "misc_timeout";
    static final String MISC_DYNAMIC = "misc_dynamic";
    static final String USER = "user";
    static final String DELAY_LOOP = "delay_loop";
    static final String VS_DELAY_LOOP = "virtual_server.delay_loop";

    /** keepalived's {@code delay_loop} when none is configured anywhere. */
    static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);

    MiscSettings {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(user, "user");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Reads the options of one check.
     *
     * @throws IllegalArgumentException naming the keyword that cannot be used (no {@code misc_path}, a command
     *         line keepalived could not split, a number that is not one)
     */
    static MiscSettings from(Map<String, ?> options) {
        String path = text(options.get(MISC_PATH));
        if (path.isBlank()) {
            throw new IllegalArgumentException("No script path has been specified for MISC_CHECKER");
        }
        ScriptCommand command;
        try {
            command = ScriptCommand.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("misc_path: " + e.getMessage(), e);
        }
        Duration timeout = seconds(options.get(MISC_TIMEOUT));
        if (timeout.isZero()) {
            timeout = microseconds(options.get(VS_DELAY_LOOP));
        }
        if (timeout.isZero()) {
            timeout = microseconds(options.get(DELAY_LOOP));
        }
        if (timeout.isZero()) {
            timeout = DEFAULT_DELAY_LOOP;
        }
        return new MiscSettings(command, timeout, flag(options.get(MISC_DYNAMIC)), user(options.get(USER)));
    }

    /** One string: a String as it is, the words of a list or array joined by blanks, "" for null. */
    static String text(Object value) {
        return String.join(" ", words(value, false));
    }

    private static List<String> words(Object value, boolean split) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Collection<?> items = value instanceof Collection<?> c ? c
                : value instanceof Object[] a ? List.of(a) : List.of(value);
        for (Object item : items) {
            String s = String.valueOf(item);
            if (!split) {
                out.add(s);
                continue;
            }
            for (String w : s.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static Duration seconds(Object value) {
        BigDecimal v = number(MISC_TIMEOUT, value);
        return Duration.ofNanos(v.movePointRight(9).longValue());
    }

    private static Duration microseconds(Object value) {
        BigDecimal v = number(DELAY_LOOP, value);
        return Duration.ofNanos(v.movePointRight(3).longValue());
    }

    /** A non-negative number, 0 when absent. */
    private static BigDecimal number(String keyword, Object value) {
        String s = text(value).trim();
        if (s.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + keyword + " value '" + s + "'", e);
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException("Invalid " + keyword + " value '" + s + "'");
        }
        return v;
    }

    /** A flag keyword: present means set, unless it says false. */
    private static boolean flag(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = text(value).trim().toLowerCase(Locale.ROOT);
        return !(s.equals("false") || s.equals("no") || s.equals("off") || s.equals("0"));
    }

    private static Optional<RunAs> user(Object value) {
        List<String> w = words(value, true);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunAs.of(w.get(0), w.size() > 1 ? w.get(1) : null));
    }
}
