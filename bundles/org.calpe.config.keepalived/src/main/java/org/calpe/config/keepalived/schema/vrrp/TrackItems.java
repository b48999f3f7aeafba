package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.TrackRef;
import org.calpe.config.api.model.UnicastPeer;
import java.net.InetAddress;
import java.util.List;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;

/** Entry readers for the tracking blocks and {@code unicast_peer}. */
final class TrackItems {
    /** What a tracking block refers to. */
    enum Kind {
        INTERFACE("track_interface", 253), SCRIPT("track_script", 253), FILE("track_file", 254),
        PROCESS("track_process", 254), BFD("track_bfd", 253);

        final String keyword;
        final int limit;

        Kind(String keyword, int limit) {
            this.keyword = keyword;
            this.limit = limit;
        }
    }

    private TrackItems() {
    }

    static ItemType of(Kind kind) {
        return (st, ctx) -> parse(kind, st, ctx);
    }

    private static Item parse(Kind kind, Statement st, ParseContext ctx) {
        String name = st.name();
        Location loc = st.location();
        if (kind == Kind.INTERFACE && !ctx.interfaceExists(name)) {
            ctx.error(loc, "tracked interface %s doesn't exist", name);
            ctx.warning(loc, "Non-existent interface specified in configuration");
            return null;
        }
        if (kind != Kind.INTERFACE && !VrrpRefs.of(ctx).declared(kind, name)) {
            ctx.error(loc, "%s %s not found, ignoring...", noun(kind), name);
            return null;
        }
        Integer weight = null;
        boolean reverse = false;
        boolean noreverse = false; // given explicitly: it overrides the tracked object's own reverse
        List<String> a = st.args().stream().map(w -> w.text()).toList();
        if (!a.isEmpty()) {
            if (!a.get(0).equals("weight")) { // keepalived drops the entry
                switch (kind) {
                    case INTERFACE -> ctx.error(loc, "unknown track_interface %s option %s - ignoring", name, a.get(0));
                    case BFD -> ctx.error(loc, "unknown track bfd %s option %s - ignoring", name, a.get(0));
                    default -> ctx.error(loc, "unknown %s option %s - ignoring", noun(kind), a.get(0));
                }
                return null;
            }
            if (a.size() == 1) { // keepalived drops the entry
                ctx.error(loc, "weight without value specified for %s %s - ignoring",
                        kind == Kind.INTERFACE ? kind.keyword : noun(kind), name);
                return null;
            }
            Long w = VrrpValues.signed(a.get(1));
            if (w == null) {
                ctx.error(loc, "invalid number '%s'", a.get(1));
                ctx.error(loc, "%s %s: weight must be between [-%d..%d] inclusive, ignoring...", kind.keyword,
                        name, kind.limit, kind.limit);
                return item(new TrackRef(name, null, false), loc);
            }
            if (w < -254 || w > 254) {
                ctx.error(loc, "number '%d' outside range [-254, 254]", w);
                ctx.error(loc, "%s %s: weight must be between [-%d..%d] inclusive, ignoring...", kind.keyword,
                        name, kind.limit, kind.limit);
                return item(new TrackRef(name, null, false), loc);
            }
            if (Math.abs(w) > kind.limit) {
                ctx.warning(loc, "weight for %s cannot be +/-%d. Setting to +/-%d", name, w < 0 ? -w : w, kind.limit);
                w = w < 0 ? -kind.limit : (long) kind.limit;
            }
            weight = w.intValue();
            if (a.size() > 2) {
                String option = a.get(2);
                if (option.equals("reverse")) {
                    reverse = true;
                } else if (option.equals("noreverse") && kind != Kind.INTERFACE) {
                    noreverse = true;
                } else if (!unknownWeightOption(kind, name, option, loc, ctx)) {
                    return null;
                }
            }
        }
        TrackRef r = new TrackRef(name, weight, reverse);
        if (noreverse) { // keepalived: without reverse/noreverse the entry takes the script's, file's or process's
            List<String> words = new java.util.ArrayList<>(r.words());
            words.add("noreverse");
            return new Item(words, r, loc);
        }
        return item(r, loc);
    }

    /**
     * keepalived 2.2.7's report of an unknown word after {@code weight N} (its spelling, "track_interace"
     * included); false when it then drops the entry (track_file, track_bfd), true when it keeps it unreversed.
     */
    private static boolean unknownWeightOption(Kind kind, String name, String option, Location loc,
            ParseContext ctx) {
        String what = switch (kind) {
            case INTERFACE -> "track_interace";
            case SCRIPT -> "track_script";
            case PROCESS -> "track_process";
            case FILE -> "track file";
            case BFD -> "track bfd";
        };
        ctx.error(loc, "unknown %s %s weight option %s - ignoring", what, name, option);
        return kind != Kind.FILE && kind != Kind.BFD;
    }

    private static Item item(TrackRef r, Location loc) {
        return new Item(r.words(), r, loc);
    }

    private static String noun(Kind kind) {
        return switch (kind) {
            case SCRIPT -> "track script";
            case FILE -> "track file";
            case PROCESS -> "track process";
            case BFD -> "track bfd";
            default -> "tracked interface";
        };
    }

    /** {@code unicast_peer} entries. */
    static ItemType unicastPeer() {
        return (st, ctx) -> {
            Location loc = st.location();
            InetAddress a = Inet.parse(st.name());
            if (a == null) {
                ctx.error(loc, "Configuration error: VRRP instance malformed unicast peer address[%s]. Skipping...",
                        st.name());
                return null;
            }
            int min = -1;
            int max = -1;
            for (int i = 0; i < st.args().size(); i++) {
                String k = st.arg(i);
                if (!k.equals("min_ttl") && !k.equals("max_ttl")) {
                    ctx.error(loc, "unknown unicast_peer option %s", k);
                    return null;
                }
                Long v = VrrpValues.unsigned(st.arg(i + 1));
                i++;
                if (v == null || v > 255) {
                    ctx.error(loc, "number '%s' outside range [0, 255]", String.valueOf(st.arg(i)));
                    return null;
                }
                if (k.equals("min_ttl")) {
                    min = v.intValue();
                } else {
                    max = v.intValue();
                }
            }
            if (min >= 0 && max >= 0 && min > max) {
                ctx.error(loc, "min_ttl %d > max_ttl %d - all packets will be discarded", min, max);
            }
            UnicastPeer p = new UnicastPeer(st.name(), Inet.family(a), min, max);
            return new Item(p.words(), p, loc);
        };
    }

    /** Plain name entries (sync group {@code group}, garp {@code interfaces}). */
    static ItemType name() {
        return (st, ctx) -> new Item(List.of(st.name()), null, st.location());
    }
}
