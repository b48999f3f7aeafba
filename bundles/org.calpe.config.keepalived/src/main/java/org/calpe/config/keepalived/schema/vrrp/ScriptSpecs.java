package org.calpe.config.keepalived.schema.vrrp;

import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.atLeastOne;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.integer;

import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Scripts;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** {@code vrrp_script}, {@code vrrp_track_process}, {@code track_file} and {@code bfd_instance}. */
final class ScriptSpecs {
    private ScriptSpecs() {
    }

    /** {@code weight N [reverse]} with the range and messages of the given block kind. */
    record Weight(int weight, boolean reverse) {
    }

    static ValueType weight(int limit, String rangeMessage, boolean allowNoReverse) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Long w = VrrpValues.signed(st.arg(0));
                if (w == null || w < -limit || w > limit) {
                    ctx.error(st.location(), w == null ? "invalid number '%s'" : "number '%s' outside range [-%d, %d]",
                            String.valueOf(st.arg(0)), limit, limit);
                    ctx.error(st.location(), rangeMessage, String.valueOf(st.arg(0)));
                    return INVALID;
                }
                boolean reverse = false;
                String opt = st.arg(1);
                if (opt != null) {
                    if (opt.equals("reverse")) {
                        reverse = true;
                    } else if (!(allowNoReverse && opt.equals("noreverse"))) {
                        ctx.error(st.location(), "unknown weight option %s", opt);
                    }
                }
                return new Weight(w.intValue(), reverse);
            }

            @Override
            public List<String> render(Object value) {
                Weight w = (Weight) value;
                return w.reverse() ? List.of(Integer.toString(w.weight()), "reverse") : List.of(Integer.toString(
                        w.weight()));
            }
        };
    }

    static BlockSpec vrrpScript() {
        return BlockSpec.builder("vrrp_script")
                .args(Values.name())
                .keyword("script", Values.optionalScript())
                .keyword("interval", atLeastOne(4294, "vrrp script interval '%s' must be between 1 and 4294 - "
                        + "ignoring", "vrrp script interval must be greater than 0, setting to 1"), 1)
                .keyword("timeout", atLeastOne(4294, "vrrp script timeout '%s' invalid - ignoring",
                        "vrrp script timeout must be greater than 0, setting to 1"))
                .keyword("weight", Values.required(weight(253, "vrrp_script weight %s must be in [-253, 253]", false)))
                .keyword("rise", integer(1, Integer.MAX_VALUE, "vrrp script rise value '%s' invalid, defaulting to 1"),
                        1)
                .keyword("fall", integer(1, Integer.MAX_VALUE, "vrrp script fall value '%s' invalid, defaulting to 1"),
                        1)
                .keyword("user", Values.required(Values.words()))
                .keyword("init_fail", Values.flag())
                .validator(ScriptSpecs::scriptDone)
                .build();
    }

    private static void scriptDone(Block b, ParseContext ctx) {
        String name = b.name();
        Setting script = b.setting("script").orElse(null);
        if (script == null) {
            ctx.error(b.location(), "No script set for vrrp_script %s - removing", name);
            return;
        }
        Setting user = b.setting("user").orElse(null);
        List<String> u = user == null ? List.of() : user.args();
        ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script("vrrp_script", name, (String) script.value(),
                u.isEmpty() ? null : u.get(0), u.size() > 1 ? u.get(1) : null, script.location()));
        VrrpRefs refs = VrrpRefs.of(ctx);
        refs.scripts.add(name);
        refs.scriptWeights.put(name, b.value("weight", Weight.class).map(Weight::weight).orElse(0));
    }

    static BlockSpec trackProcess() {
        return BlockSpec.builder("vrrp_track_process")
                .args(Values.name())
                .keyword("process", Values.required(Values.words()))
                .keyword("param_match", GlobalValues.words((st, ctx) -> {
                    String w = st.arg(0);
                    if (w != null && !w.equals("initial") && !w.equals("partial")) {
                        ctx.error(st.location(), "Invalid param_match type %s - ignoring", w);
                        return false;
                    }
                    return true;
                }))
                .keyword("weight", weight(254, "Weight (%s) for vrrp_track_process must be between [-254..254] "
                        + "inclusive. Ignoring...", false), new Weight(1, false))
                .keyword("quorum", integer(1, 65535, "Quorum (%s) for vrrp_track_process must be between [1..65535] "
                        + "inclusive. Ignoring..."), 1)
                .keyword("quorum_max", integer(0, 65535, "quorum_max (%s) for vrrp_track_process must be between "
                        + "[0..65535] inclusive. Ignoring..."))
                .keyword("delay", delay(""))
                .keyword("terminate_delay", delay("terminate_"))
                .keyword("fork_delay", delay("fork_"))
                .keyword("full_command", Values.flag())
                .validator(ScriptSpecs::processDone)
                .build();
    }

    private static ValueType delay(String prefix) {
        return VrrpValues.decimal(0.000001, 3600, prefix + "delay (%s) for vrrp_track_process must be between "
                + "[0.000001..3600] inclusive. Ignoring...");
    }

    private static void processDone(Block b, ParseContext ctx) {
        List<Setting> procs = b.settings("process").toList();
        for (int i = 1; i < procs.size(); i++) {
            ctx.error(procs.get(i).location(), "Process already set for track process %s - ignoring %s", b.name(),
                    String.join(" ", procs.get(i).args()));
        }
        List<Setting> weights = b.settings("weight").toList();
        for (int i = 1; i < weights.size(); i++) {
            ctx.error(weights.get(i).location(), "Weight already set for track process %s - ignoring %s", b.name(),
                    String.join(" ", weights.get(i).args()));
        }
        Integer quorum = null;
        Integer quorumMax = null;
        for (Setting s : b.settings().toList()) {
            if (s.keyword().equals("quorum")) {
                int q = (Integer) s.value();
                if (quorumMax != null && q > quorumMax) {
                    ctx.error(s.location(), "Quorum is greater than quorum_max - ignoring");
                } else {
                    quorum = q;
                }
            } else if (s.keyword().equals("quorum_max")) {
                int m = (Integer) s.value();
                if ((m != 0 || (quorum != null && quorum > 1)) && quorum != null && m < quorum) {
                    ctx.error(s.location(), "quorum_max is less than quorum - ignoring");
                } else {
                    quorumMax = m;
                }
            }
        }
        if (procs.isEmpty() || procs.get(0).args().isEmpty()) {
            ctx.error(b.location(), "track process '%s' process name not specified", b.name());
            return;
        }
        VrrpRefs refs = VrrpRefs.of(ctx);
        refs.processes.add(b.name());
        refs.processWeights.put(b.name(), b.value("weight", Weight.class).map(Weight::weight).orElse(1));
    }

    static BlockSpec trackFile() {
        return BlockSpec.builder("track_file")
                .args(Values.name())
                .keyword("file", Values.string("%k: missing file name"))
                .keyword("weight", weight(254, "Weight (%s) for track_file must be between [-254..254] inclusive. "
                        + "Ignoring...", false), new Weight(1, false))
                .keyword("init_file", GlobalValues.words((st, ctx) -> {
                    for (int i = 0; i < st.args().size(); i++) {
                        String w = st.arg(i);
                        if (!w.equals("overwrite") && !(i == 0 && VrrpValues.signed(w) != null)) {
                            ctx.error(st.location(), "Unknown track file init option %s", w);
                            return false;
                        }
                    }
                    return true;
                }))
                .validator(ScriptSpecs::fileDone)
                .build();
    }

    private static void fileDone(Block b, ParseContext ctx) {
        if (b.setting("file").isEmpty()) {
            ctx.error(b.location(), "No file set for track_file %s - ignoring", b.name());
            return;
        }
        b.settings("file").skip(1).forEach(f -> ctx.error(f.location(), "File already set for track file %s - "
                + "ignoring %s", b.name(), String.join(" ", f.args())));
        VrrpRefs refs = VrrpRefs.of(ctx);
        refs.trackFiles.add(b.name());
        refs.fileWeights.put(b.name(), b.value("weight", Weight.class).map(Weight::weight).orElse(1));
    }

    static BlockSpec bfdInstance() {
        return BlockSpec.builder("bfd_instance")
                .args(Values.name())
                .keyword("neighbor_ip", VrrpValues.address("Configuration error: BFD instance has malformed neighbor "
                        + "address %s, ignoring instance"))
                .alias("neighbour_ip", "neighbor_ip")
                .keyword("source_ip", VrrpValues.address("Configuration error: BFD instance has malformed source "
                        + "address %s, ignoring"))
                .keyword("min_rx", VrrpValues.decimal(0.001, 4294967.295, "min_rx '%s' invalid - ignoring"), 10.0)
                .keyword("min_tx", VrrpValues.decimal(0.001, 4294967.295, "min_tx '%s' invalid - ignoring"), 10.0)
                .keyword("idle_tx", VrrpValues.decimal(0.001, 4294967.295, "idle_tx '%s' invalid - ignoring"), 1000.0)
                .keyword("multiplier", integer(1, 255, "multiplier '%s' invalid - ignoring"), 5)
                .keyword("passive", Values.flag())
                .keyword("ttl", integer(1, 255, "ttl '%s' invalid - ignoring"), 255)
                .keyword("hoplimit", integer(1, 255, "hoplimit '%s' invalid - ignoring"), 64)
                .keyword("max_hops", integer(-1, 255, "max_hops value %s not valid (must be in range [-1-255]), ignoring"), 0)
                .keyword("weight", Values.required(weight(253, "weight %s must be in [-253, 253]", false)))
                .keyword("vrrp", Values.flag())
                .keyword("checker", Values.flag())
                .validator((b, ctx) -> {
                    if (b.setting("neighbor_ip").isEmpty()) {
                        ctx.error(b.location(), "Configuration error: BFD instance %s has no neighbor_ip, ignoring",
                                b.name());
                        return;
                    }
                    VrrpRefs refs = VrrpRefs.of(ctx);
                    refs.bfds.add(b.name());
                    refs.bfdWeights.put(b.name(), b.value("weight", Weight.class).map(Weight::weight).orElse(0));
                })
                .build();
    }
}
