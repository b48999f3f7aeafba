package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.Forwarding;
import static org.calpe.config.keepalived.schema.lvs.LvsValues.UINT_MAX;
import static org.calpe.config.keepalived.schema.lvs.LvsValues.WEIGHT_LIMIT;

import java.util.List;
import java.util.function.BiConsumer;

import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.api.model.ScriptCommand;
import org.calpe.config.keepalived.schema.Scripts;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/**
 * The LVS side of keepalived.conf (keepalived 2.2): {@code SSL}, {@code virtual_server_group},
 * {@code virtual_server} with its {@code real_server}s and their checkers. Defaults are keepalived's
 * (delay_loop 60 s, quorum 1, weight 1, persistence 360 s when enabled, scheduler wlc, method NAT).
 * Register with {@link #register(BlockSpec.Builder)}.
 */
public final class LvsSchema {
    /** Microseconds per second. */
    static final long SECOND = 1_000_000L;

    private LvsSchema() {
    }

    /** Adds the LVS blocks and their cross-checks to the root grammar. */
    public static void register(BlockSpec.Builder root) {
        root.block(ssl());
        root.block(virtualServerGroup());
        root.block(virtualServer());
        root.validator(new VirtualServerCheck());
        root.validator(new LvsReferenceCheck());
    }

    static BlockSpec ssl() {
        return BlockSpec.builder("SSL")
                .args(noArgs((st, ctx) -> {
                    if (LvsState.of(ctx).sslBlocks++ > 0) {
                        ctx.error(st.location(), "SSL context already specified - replacing");
                    }
                }))
                .keyword("password", sslFile("password"))
                .keyword("ca", sslFile("cafile"))
                .keyword("certificate", sslFile("certfile"))
                .keyword("key", sslFile("keyfile"))
                .validator(new SslCheck())
                .build();
    }

    private static ValueType sslFile(String what) {
        return LvsValues.requiredString("SSL " + what + " missing");
    }

    static BlockSpec virtualServerGroup() {
        return BlockSpec.builder("virtual_server_group")
                .args(groupName())
                .items(LvsAddresses.vsgEntry())
                .validator(VirtualServerCheck::checkGroup)
                .build();
    }

    static BlockSpec virtualServer() {
        BlockSpec.Builder b = BlockSpec.builder("virtual_server")
                .args(LvsAddresses.virtualServer())
                .keyword("ip_family", ipFamily(), "inet")
                .keyword("retry", LvsValues.unsigned(1, UINT_MAX, "retry value invalid - %s"))
                .keyword("delay_before_retry", LvsValues.timer(true, false,
                        "virtual server delay before retry '%s' invalid - ignoring"))
                .keyword("warmup", LvsValues.timer(true, false, "virtual server warmup '%s' invalid - ignoring"))
                .keyword("connect_timeout", LvsValues.timer(false, true,
                        "virtual server connect_timeout %s invalid - ignoring"), 5 * SECOND)
                .keyword("delay_loop", LvsValues.timer(false, false, "virtual server delay loop '%s' invalid - ignoring"),
                        60 * SECOND)
                .keyword("inhibit_on_failure", Values.flag())
                .keyword("lvs_sched", scheduler(), "wlc")
                .alias("lb_algo", "lvs_sched")
                .keyword("ops", Values.flag())
                .keyword("flag-1", Values.flag())
                .keyword("flag-2", Values.flag())
                .keyword("flag-3", Values.flag())
                .keyword("hashed", schedulerFlag())
                .keyword("sh-port", schedulerFlag())
                .keyword("sh-fallback", schedulerFlag())
                .keyword("mh-port", schedulerFlag())
                .keyword("mh-fallback", schedulerFlag())
                .keyword("lvs_method", LvsAddresses.forwarding("virtual"), new Forwarding("NAT", null, null, null))
                .alias("lb_kind", "lvs_method")
                .keyword("persistence_engine", persistenceEngine())
                .keyword("persistence_timeout", persistenceTimeout())
                .keyword("persistence_granularity", persistenceGranularity())
                .keyword("protocol", LvsValues.protocol())
                .keyword("ha_suspend", Values.flag())
                .keyword("smtp_alert", LvsValues.optionalBoolean("virtual_server smtp_alert"))
                .keyword("virtualhost", LvsValues.requiredString("virtual server virtualhost missing"))
                .keyword("snmp_name", LvsValues.exactlyOne("virtual server snmp_name missing or extra parameters"))
                .keyword("alpha", Values.flag())
                .keyword("omega", Values.flag())
                .keyword("quorum_up", onceScript("quorum_up", true))
                .keyword("quorum_down", onceScript("quorum_down", true))
                .keyword("quorum", LvsValues.unsigned(1, UINT_MAX, "Quorum %s must be in [1, 4294967295]. Setting to 1."),
                        1L)
                .keyword("hysteresis", LvsValues.unsigned(0, UINT_MAX, "Hysteresis %s must be in [0, 4294967295] - ignoring"),
                        0L)
                .keyword("weight", LvsValues.unsigned(1, WEIGHT_LIMIT, "Virtual server weight %s is outside range 1-2147483647"))
                .keyword("sorry_server", LvsAddresses.sorryServer())
                .keyword("sorry_server_inhibit", afterSorry(Values.flag(),
                        "Ignoring sorry_server inhibit used before or without sorry_server"))
                .keyword("sorry_server_lvs_method", afterSorry(LvsAddresses.forwarding("sorry"),
                        "sorry_server forwarding used without sorry_server"))
                .block(realServer());
        return b.build();
    }

    static BlockSpec realServer() {
        BlockSpec.Builder b = BlockSpec.builder("real_server")
                .args(LvsAddresses.realServer())
                .keyword("weight", LvsValues.unsigned(0, WEIGHT_LIMIT, "Real server weight %s is outside range 0-2147483647"),
                        1L)
                .keyword("lvs_method", LvsAddresses.forwarding("real"))
                .keyword("uthreshold", LvsValues.unsigned(0, UINT_MAX, "Invalid real_server uthreshold '%s' - ignoring"))
                .keyword("lthreshold", LvsValues.unsigned(0, UINT_MAX, "Invalid real_server lthreshold '%s' - ignoring"))
                .keyword("inhibit_on_failure", LvsValues.optionalBoolean("inhibit_on_failure"))
                .keyword("notify_up", onceScript("notify_up", false))
                .keyword("notify_down", onceScript("notify_down", false))
                .keyword("alpha", LvsValues.optionalBoolean("alpha"))
                .keyword("retry", LvsValues.unsigned(1, UINT_MAX, "retry value invalid - %s"))
                .keyword("delay_before_retry", LvsValues.timer(true, false,
                        "real server delay_before_retry '%s' invalid - ignoring"))
                .keyword("warmup", LvsValues.timer(true, false, "real server warmup '%s' invalid - ignoring"))
                .keyword("connect_timeout", LvsValues.timer(false, true, "real server connect_timeout %s invalid - ignoring"))
                .keyword("delay_loop", LvsValues.timer(false, false, "real server delay_loop '%s' invalid - ignoring"))
                .keyword("smtp_alert", LvsValues.optionalBoolean("real_server smtp_alert"))
                .keyword("virtualhost", LvsValues.requiredString("real server virtualhost missing"))
                .keyword("snmp_name", LvsValues.exactlyOne("real server snmp_name missing or extra parameters"));
        CheckerSchema.checkers().forEach(b::block);
        return b.build();
    }

    /** Block arguments that are ignored (keepalived ignores words after a block keyword), with a hook. */
    static ValueType noArgs(BiConsumer<Statement, ParseContext> onOpen) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                onOpen.accept(st, ctx);
                return Boolean.TRUE;
            }

            @Override
            public List<String> render(Object value) {
                return List.of();
            }
        };
    }

    private static ValueType groupName() {
        ValueType name = Values.name();
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Object v = name.parse(st, ctx);
                LvsState.of(ctx).currentGroup = v == INVALID ? "" : (String) v;
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return name.render(value);
            }
        };
    }

    private static ValueType scheduler() {
        ValueType t = LvsValues.scheduler();
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Object v = t.parse(st, ctx);
                if (v != INVALID) {
                    LvsState.of(ctx).scheduler = (String) v;
                }
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return t.render(value);
            }
        };
    }

    /** hashed, sh-port, sh-fallback, mh-port, mh-fallback: only with the sh/mh scheduler set before them. */
    private static ValueType schedulerFlag() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String sched = LvsState.of(ctx).scheduler;
                if (!"sh".equals(sched) && !"mh".equals(sched)) {
                    ctx.error(st.location(), "%s only applies to sh scheduler - ignoring", st.name());
                    return INVALID;
                }
                String family = st.name().startsWith("mh-") ? "mh" : st.name().startsWith("sh-") ? "sh" : null;
                // keepalived 2.2.7 sets sh flags only with sh and mh flags only with mh, silently otherwise
                return family == null || family.equals(sched);
            }

            @Override
            public List<String> render(Object value) {
                return List.of();
            }
        };
    }

    private static ValueType ipFamily() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (!"inet".equals(w) && !"inet6".equals(w)) {
                    ctx.error(st.location(), "unknown address family %s", w == null ? "" : w);
                    return INVALID;
                }
                LvsState s = LvsState.of(ctx);
                boolean v6 = w.equals("inet6");
                if (s.vsIpv6 != null && s.vsIpv6 != v6) {
                    ctx.error(st.location(), "Virtual server specified family %s conflicts with server family", w);
                    return INVALID;
                }
                s.vsIpv6 = v6;
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    private static ValueType persistenceEngine() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w.length() > 15) {
                    ctx.error(st.argLocation(0), "persistence_name too long, truncating - %s", w);
                    return w.substring(0, 15);
                }
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** persistence_timeout [seconds]: 1..2678400, no value means 360. */
    private static ValueType persistenceTimeout() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w == null) {
                    return 360L;
                }
                boolean digits = !w.isEmpty() && w.chars().allMatch(Character::isDigit);
                long v = LvsValues.parseUnsigned(w);
                if (!digits) {
                    ctx.error(st.argLocation(0), w.startsWith("-") ? "negative number '%s'" : "invalid number '%s'", w);
                } else if (v < 0 || v > UINT_MAX) {
                    ctx.error(st.argLocation(0), "number '%s' outside unsigned integer range", w);
                } else if (v < 1 || v > LvsValues.PERSISTENCE_MAX) {
                    ctx.error(st.argLocation(0), "number '%s' outside range [1, %d]", w, LvsValues.PERSISTENCE_MAX);
                } else {
                    return v;
                }
                ctx.error(st.location(), "persistence_timeout invalid");
                return INVALID;
            }

            @Override
            public List<String> render(Object value) {
                return List.of(value.toString());
            }
        };
    }

    /** persistence_granularity: a netmask for IPv4, a prefix length 1..128 for IPv6. */
    private static ValueType persistenceGranularity() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                LvsState s = LvsState.of(ctx);
                boolean v6 = s.vsIpv6 != null ? s.vsIpv6 : w.indexOf('.') < 0;
                if (v6) {
                    long len = LvsValues.parseUnsigned(w);
                    if (len < 1 || len > 128) {
                        if (len >= 0) {
                            ctx.error(st.argLocation(0), "number '%s' outside range [1, 128]", w);
                        } else {
                            ctx.error(st.argLocation(0), "invalid number '%s'", w);
                        }
                        ctx.error(st.location(), "Invalid IPv6 persistence_granularity specified - %s", w);
                        return INVALID;
                    }
                } else if (!LvsAddresses.isIpv4(w)) {
                    ctx.error(st.location(), "Invalid IPv4 persistence_granularity specified - %s", w);
                    return INVALID;
                }
                if (s.vsIpv6 == null) {
                    s.vsIpv6 = v6;
                }
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** A script keyword that keepalived takes only once per server (the first one wins). */
    private static ValueType onceScript(String kw, boolean virtualServerLevel) {
        ValueType script = LvsValues.script();
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Object v = script.parse(st, ctx);
                if (v == INVALID) {
                    return v;
                }
                LvsState s = LvsState.of(ctx);
                if (!(virtualServerLevel ? s.vsScripts : s.rsScripts).add(kw)) {
                    ctx.error(st.location(), "(%s) %s script already specified - ignoring %s",
                            s.currentVsGroup == null ? "(null)" : s.currentVsGroup, kw, st.arg(0));
                    return INVALID;
                }
                ScriptCommand script = (ScriptCommand) v;
                ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script(kw + " script",
                        virtualServerLevel ? s.vsOwner : s.rsOwner, script.command(), script.user(), script.group(),
                        st.argLocation(0)));
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return script.render(value);
            }
        };
    }

    private static ValueType afterSorry(ValueType type, String message) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (!LvsState.of(ctx).sorryServerSeen) {
                    ctx.error(st.location(), "%s", message);
                    return INVALID;
                }
                return type.parse(st, ctx);
            }

            @Override
            public List<String> render(Object value) {
                return type.render(value);
            }
        };
    }
}
