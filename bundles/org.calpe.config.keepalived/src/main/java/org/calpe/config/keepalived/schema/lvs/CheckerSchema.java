package org.calpe.config.keepalived.schema.lvs;

import static org.calpe.config.keepalived.schema.lvs.LvsValues.UINT_MAX;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.calpe.config.api.Severity;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/**
 * The health checker blocks of a {@code real_server}: HTTP_GET, SSL_GET, TCP_CHECK, SMTP_CHECK, DNS_CHECK,
 * MISC_CHECK, UDP_CHECK, PING_CHECK, FILE_CHECK, BFD_CHECK, with the common connection and retry keywords
 * and keepalived 2.2.7's messages. Checker defaults: retry 1 (DNS_CHECK 3, MISC_CHECK 0), delay_before_retry
 * 1 s (HTTP/SSL 3 s), connect_timeout from the real server (5 s).
 */
public final class CheckerSchema {
    /** DNS query types keepalived 2.2 knows. */
    public static final Set<String> DNS_TYPES = Set.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG",
            "DNSKEY");

    private CheckerSchema() {
    }

    static List<BlockSpec> checkers() {
        return List.of(http("HTTP_GET"), http("SSL_GET"), simple("TCP_CHECK"), simple("PING_CHECK"), smtp(), dns(),
                udp(), misc(), file(), bfd());
    }

    private static BlockSpec.Builder checker(String name, boolean connection) {
        BlockSpec.Builder b = BlockSpec.builder(name)
                .args(LvsSchema.noArgs((st, ctx) -> LvsState.of(ctx).startChecker()));
        if (connection) {
            connectionKeywords(b);
            b.validator(CheckerChecks::linkLocal);
        }
        return b.keyword("retry", LvsValues.unsigned(0, UINT_MAX, "Invalid retry connection value '%s'"))
                .keyword("delay_before_retry", LvsValues.timer(true, false,
                        "Invalid delay_before_retry connection value '%s'"))
                .keyword("warmup", LvsValues.timer(true, false, "Invalid warmup connection value '%s'"))
                .keyword("delay_loop", LvsValues.timer(false, false, "delay_loop '%s' is invalid - ignoring"))
                .keyword("alpha", LvsValues.optionalBoolean("alpha"))
                .keyword("log_all_failures", LvsValues.optionalBoolean("log_all_failures"));
    }

    private static void connectionKeywords(BlockSpec.Builder b) {
        b.keyword("connect_ip", CheckerValues.connectAddress(true))
                .keyword("connect_port", port("Invalid checker connect_port '%s'"))
                .keyword("bindto", CheckerValues.connectAddress(false))
                .keyword("bind_port", port("Invalid checker bind_port '%s'"))
                .keyword("bind_if", CheckerValues.interfaceName())
                .keyword("connect_timeout", LvsValues.timer(false, true, "connect_timeout %s invalid - ignoring"))
                .keyword("fwmark", LvsValues.unsigned(0, UINT_MAX, "Invalid fwmark connection value '%s'"));
    }

    private static ValueType port(String followUp) {
        return LvsValues.unsigned(1, 65535, followUp);
    }

    private static BlockSpec simple(String name) {
        return checker(name, true).build();
    }

    private static BlockSpec http(String name) {
        BlockSpec url = BlockSpec.builder("url")
                .keyword("path", Values.string())
                .keyword("digest", CheckerValues.digest())
                .keyword("status_code", CheckerValues.statusCodes(), List.of("200-299"))
                .keyword("virtualhost", LvsValues.requiredString("Missing HTTP_GET virtualhost name"))
                .keyword("regex", CheckerValues.regex())
                .keyword("regex_no_match", Values.flag())
                .keyword("regex_options", CheckerValues.regexOptions())
                .keyword("regex_min_offset", CheckerValues.regexOffset("min"))
                .keyword("regex_max_offset", CheckerValues.regexOffset("max"))
                .keyword("regex_stack", CheckerValues.regexStack())
                .validator(CheckerChecks::url)
                .build();
        return checker(name, true)
                .alias("nb_get_retry", "retry", Severity.WARNING, "nb_get_retry is deprecated - please use 'retry'")
                .keyword("virtualhost", LvsValues.requiredString("HTTP_GET virtualhost name missing"))
                .keyword("http_protocol", CheckerValues.httpProtocol(), "1.0")
                .keyword("enable_sni", LvsValues.optionalBoolean("enable_sni"))
                .keyword("fast_recovery", LvsValues.optionalBoolean("fast_recovery"))
                .block(url)
                .validator(CheckerChecks::http)
                .build();
    }

    private static BlockSpec smtp() {
        BlockSpec.Builder host = BlockSpec.builder("host");
        connectionKeywords(host);
        host.keyword("retry", LvsValues.unsigned(0, UINT_MAX, "Invalid retry connection value '%s'"))
                .validator((b, ctx) -> ctx.info(b.location(),
                        "The SMTP_CHECK host block is deprecated. Please define additional checkers."));
        return checker("SMTP_CHECK", true)
                .keyword("helo_name", LvsValues.requiredString("SMTP_CHECK helo name missing"),
                        "smtpchecker.keepalived.org")
                .block(host.build())
                .build();
    }

    private static BlockSpec dns() {
        return checker("DNS_CHECK", true)
                .keyword("type", dnsType(), "SOA")
                .keyword("name", CheckerValues.dnsName(), ".")
                .build();
    }

    private static ValueType dnsType() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                String u = w == null ? "" : w.toUpperCase(Locale.ROOT);
                if (!DNS_TYPES.contains(u)) {
                    ctx.error(st.location(), "Unknown DNS check type %s - ignoring", w == null ? "" : w);
                    return INVALID;
                }
                return u;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    private static BlockSpec udp() {
        return checker("UDP_CHECK", true)
                .keyword("payload", CheckerValues.hex(false))
                .keyword("require_reply", CheckerValues.hex(true))
                .keyword("min_reply_length", LvsValues.unsigned(0, 65535,
                        "UDP_CHECK min length %s not valid - must be between 0 & 65535"), 0L)
                .keyword("max_reply_length", LvsValues.unsigned(0, 65535,
                        "UDP_CHECK max length %s not valid - must be between 0 & 65535"), 255L)
                .validator(CheckerChecks::udp)
                .build();
    }

    private static BlockSpec misc() {
        return checker("MISC_CHECK", false)
                .keyword("misc_path", Values.optionalScript())
                .keyword("misc_timeout", LvsValues.unsigned(0, UINT_MAX / 1_000_000L, "Invalid misc_timeout value '%s'"))
                .keyword("misc_dynamic", Values.flag())
                .keyword("user", CheckerValues.user())
                .validator(CheckerChecks::misc)
                .build();
    }

    private static BlockSpec file() {
        return BlockSpec.builder("FILE_CHECK")
                .args(LvsSchema.noArgs((st, ctx) -> LvsState.of(ctx).startChecker()))
                .keyword("track_file", Values.string())
                .keyword("weight", CheckerValues.trackFileWeight())
                .validator(CheckerChecks::file)
                .build();
    }

    private static BlockSpec bfd() {
        return BlockSpec.builder("BFD_CHECK")
                .args(LvsSchema.noArgs((st, ctx) -> LvsState.of(ctx).startChecker()))
                .keyword("name", CheckerValues.bfdName())
                .validator(CheckerChecks::bfd)
                .build();
    }
}
