package org.calpe.lvs.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.calpe.check.api.CheckTarget;
import org.calpe.exec.api.ScriptCommand;

/**
 * Builds a {@link RealServerSpec} from the Config Admin properties of a virtual server, one of its real servers
 * and that real server's checker configurations (config.keepalived's layout: keepalived keywords with typed
 * values, timers in microseconds, links {@code calpe.virtual_server}/{@code calpe.real_server}), applying
 * keepalived 2.2.7's inheritance: {@code connect_ip}/{@code connect_port} default to the real server,
 * {@code connect_timeout}, {@code delay_loop}, {@code retry}, {@code delay_before_retry}, {@code warmup},
 * {@code alpha} go checker → real server → virtual server → default (5 s, 60 s, type default, type default,
 * {@code delay_loop}, off), {@code inhibit_on_failure} real server → virtual server.
 */
public final class SpecBuilder {
    static final String ADDRESS = "calpe.address";
    static final String PORT = "calpe.port";
    static final String FWMARK = "calpe.fwmark";
    static final String GROUP = "calpe.group";
    static final String CHECKER_TYPE = "calpe.checker";
    static final String CHECKER_INDEX = "calpe.index";
    static final String VIRTUAL_SERVER_PID = "calpe.virtual_server";
    static final String REAL_SERVER_PID = "calpe.real_server";

    static final long SECOND = 1_000_000L;
    static final long DEFAULT_DELAY_LOOP = 60 * SECOND;
    static final long DEFAULT_CONNECT_TIMEOUT = 5 * SECOND;

    private SpecBuilder() {
    }

    /** keepalived's {@code format_vs}: {@code [ip]:proto:port}, {@code FWM n} or {@code [group]:port}. */
    public static String virtualServerName(Map<String, Object> vs) {
        Props p = new Props(vs);
        if (p.number(FWMARK).isPresent()) {
            return "FWM " + p.number(FWMARK).getAsLong();
        }
        if (p.has(GROUP)) {
            return "[" + p.string(GROUP).orElse("") + "]:" + p.number(PORT).orElse(0);
        }
        return Names.trio(address(p.string(ADDRESS).orElse("")), protocol(p), (int) p.number(PORT).orElse(0));
    }

    static String protocol(Props vs) {
        return vs.string("protocol").orElse("TCP").toLowerCase(Locale.ROOT);
    }

    /**
     * The real server's spec.
     *
     * @throws IllegalArgumentException if an address does not parse (the configuration layer validates, so this
     *         means hand-made configurations)
     */
    public static RealServerSpec build(String rsPid, Map<String, Object> vsMap, Map<String, Object> rsMap,
            List<Map<String, Object>> checkerMaps) {
        return build(rsPid, vsMap, rsMap, checkerMaps, UnaryOperator.identity());
    }

    /**
     * The real server's spec, with the strings that repeat over real servers (the virtual server's name, numbers
     * given to the checker as option strings) passed through {@code share}, which may return an equal instance
     * it already holds: one copy instead of one per real server.
     */
    static RealServerSpec build(String rsPid, Map<String, Object> vsMap, Map<String, Object> rsMap,
            List<Map<String, Object>> checkerMaps, UnaryOperator<String> share) {
        Props vs = new Props(vsMap);
        Props rs = new Props(rsMap);
        String proto = protocol(vs);
        InetAddress rsAddress = address(rs.string(ADDRESS).orElseThrow(
                () -> new IllegalArgumentException("real server without address")));
        int rsPort = (int) rs.number(PORT).orElse(0);
        String rsName = Names.trio(rsAddress, proto, rsPort);
        List<Map<String, Object>> sorted = new ArrayList<>(checkerMaps);
        sorted.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get(CHECKER_TYPE)))
                .thenComparingLong(m -> new Props(m).number(CHECKER_INDEX).orElse(0)));
        List<CheckSpec> checks = new ArrayList<>();
        for (Map<String, Object> cm : sorted) {
            checks.add(check(new Props(cm), rs, vs, rsAddress, rsPort, rsName, share));
        }
        long weight = configuredWeight(rsMap);
        boolean inhibit = Props.inheritBool("inhibit_on_failure", rs, vs).orElse(false);
        return new RealServerSpec(rsPid, share.apply(virtualServerName(vsMap)), rsName,
                (int) Math.min(Integer.MAX_VALUE, weight), inhibit, script(rs, "notify_up"), script(rs, "notify_down"),
                checks);
    }

    /** A real server's configured {@code weight} (default 1). */
    static long configuredWeight(Map<String, Object> rsMap) {
        return Math.max(0, new Props(rsMap).number("weight").orElse(1));
    }

    private static Optional<ScriptCommand> script(Props rs, String key) {
        return rs.string(key).filter(s -> !s.isBlank()).map(ScriptCommand::parse);
    }

    private static CheckSpec check(Props c, Props rs, Props vs, InetAddress rsAddress, int rsPort, String rsName,
            UnaryOperator<String> share) {
        String type = c.string(CHECKER_TYPE).orElseThrow(() -> new IllegalArgumentException("checker without type"));
        int index = (int) c.number(CHECKER_INDEX).orElse(0);
        InetAddress connectIp = c.string("connect_ip").map(SpecBuilder::address).orElse(rsAddress);
        int connectPort = (int) c.number("connect_port").orElse(rsPort);
        InetAddress bindto = Props.inheritString("bindto", c, rs, vs).map(SpecBuilder::address).orElse(null);
        int bindPort = (int) Props.inherit("bind_port", c, rs, vs).orElse(0);
        String bindIf = Props.inheritString("bind_if", c, rs, vs).orElse("");
        int fwmark = (int) Props.inherit("fwmark", c, rs, vs).orElse(0);
        long connectTimeout = Props.inherit("connect_timeout", c, rs, vs).orElse(DEFAULT_CONNECT_TIMEOUT);
        if (connectTimeout <= 0) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        long delayLoop = Props.inherit("delay_loop", c, rs, vs).orElse(DEFAULT_DELAY_LOOP);
        if (delayLoop <= 0) {
            delayLoop = DEFAULT_DELAY_LOOP;
        }
        long retry = Props.inherit("retry", c, rs, vs).orElse(-1);
        long dbr = Props.inherit("delay_before_retry", c, rs, vs).orElse(-1);
        long warmup = Props.inherit("warmup", c, rs, vs).orElse(delayLoop);
        boolean alpha = Props.inheritBool("alpha", c, rs, vs).orElse(false);
        boolean logAll = c.bool("log_all_failures").orElse(false);
        boolean dynamic = c.bool("misc_dynamic").orElse(false);
        String program = "";
        Optional<String> misc = c.string("misc_path");
        if (misc.isPresent()) {
            try {
                program = ScriptCommand.parse(misc.get()).program();
            } catch (IllegalArgumentException e) {
                program = misc.get();
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        c.map().forEach((k, v) -> {
            if (v != null && k.indexOf('.') < 0) {
                Object o = option(v);
                // a number becomes a new string: shared (a string value already is the configuration's own)
                options.put(k, v instanceof Number && o instanceof String s ? share.apply(s) : o);
            }
        });
        options.put("delay_loop", share.apply(String.valueOf(delayLoop)));
        // keepalived's MISC_CHECK times a script out after the virtual server's own delay_loop (vs->delay_loop)
        long vsDelayLoop = vs.number("delay_loop").orElse(DEFAULT_DELAY_LOOP);
        options.put("virtual_server.delay_loop", String.valueOf(vsDelayLoop > 0 ? vsDelayLoop : DEFAULT_DELAY_LOOP));
        // HTTP_GET / SSL_GET inherit virtualhost (and SSL_GET's SNI name) from the real and virtual server
        rs.string("virtualhost").ifPresent(v -> options.put("real_server.virtualhost", v));
        vs.string("virtualhost").ifPresent(v -> options.put("virtual_server.virtualhost", v));
        options.computeIfPresent("virtual_server.delay_loop", (k, v) -> v instanceof String s ? share.apply(s) : v);
        CheckTarget target = new CheckTarget(rsName, new InetSocketAddress(connectIp, connectPort), bindto, bindPort,
                bindIf, fwmark, Duration.ofNanos(connectTimeout * 1000), options);
        String pid = c.string("service.pid").orElse(type + "_" + index);
        return new CheckSpec(pid, type, index, target, retry, dbr, delayLoop, Math.max(0, warmup), alpha, logAll,
                dynamic, program);
    }

    /** CheckTarget's options contract: one value → String; several words or nested lines → List of String. */
    private static Object option(Object v) {
        if (v.getClass().isArray() || v instanceof java.util.Collection) {
            return List.copyOf(Props.words(v));
        }
        return String.valueOf(v);
    }

    static InetAddress address(String literal) {
        String s = literal.trim();
        if (s.isEmpty() || !(Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':' || s.charAt(0) == '[')) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return InetAddress.getByName(s); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
