package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.IpAddressEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;

/** Reads address entries (VIPs, eVIPs, static addresses) as keepalived's parse_ipaddress/alloc_ipaddress. */
final class AddressItems {
    private static final Set<String> SCOPES = Set.of("site", "link", "host", "nowhere", "global");
    private static final Set<String> FLAGS = Set.of("home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin",
            "no_track");
    private static final int LABEL_MAX = 15;

    enum Kind {
        VIP, EVIP, STATIC
    }

    private AddressItems() {
    }

    static ItemType of(Kind kind) {
        return (st, ctx) -> parse(kind, st, ctx);
    }

    private static Item parse(Kind kind, Statement st, ParseContext ctx) {
        List<String> w = new ArrayList<>(st.words().size());
        st.words().forEach(x -> w.add(x.text()));
        String first = w.get(0);
        Inet.Prefix p = Inet.parsePrefix(first);
        if (p == null) {
            ctx.error(st.location(), "VRRP parsed invalid IP %s. skipping IP...", first);
            return null;
        }
        int max = Inet.maxPrefix(p.address());
        int prefix = p.prefix() < 0 ? max : p.prefix();
        if (prefix > max) {
            ctx.error(st.location(), "number '%d' outside range [0, %d]", prefix, max);
            ctx.error(st.location(), "Invalid address prefix len %d for address %s - using %d", prefix, first, max);
            prefix = max;
        }
        String addr = first.indexOf('/') < 0 ? first : first.substring(0, first.indexOf('/'));
        List<String> opts = new ArrayList<>();
        boolean drop = false;
        for (int i = 1; i < w.size(); i++) {
            String k = w.get(i);
            String v = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (k) {
                case "brd", "broadcast", "dev", "scope", "label", "peer", "preferred_lft", "track_group" -> {
                    if (v == null) {
                        ctx.error(st.location(), "No %s parameter specified for %s", k, first);
                        return null;
                    }
                    i++;
                    String key = k.equals("broadcast") ? "brd" : k;
                    if (!option(kind, key, v, p, first, st, ctx)) {
                        if (key.equals("brd") || key.equals("label")) {
                            drop = true;
                        }
                        continue;
                    }
                    opts.add(key);
                    opts.add(v);
                }
                case "use_vmac" -> {
                    opts.add(k);
                    if (v != null && !isKeyword(v)) {
                        opts.add(v);
                        i++;
                    }
                }
                default -> {
                    if (FLAGS.contains(k)) {
                        opts.add(k);
                    } else {
                        ctx.error(st.location(), "Unknown configuration entry '%s' for ip address - ignoring", k);
                    }
                }
            }
        }
        if (drop) {
            return null;
        }
        IpAddressEntry e = new IpAddressEntry(addr, p.family(), prefix, opts);
        List<String> words = new ArrayList<>();
        words.add(addr + "/" + prefix);
        words.addAll(opts);
        return new Item(words, e, st.location());
    }

    private static boolean isKeyword(String w) {
        return FLAGS.contains(w) || Set.of("brd", "broadcast", "dev", "scope", "label", "peer", "preferred_lft",
                "track_group", "use_vmac").contains(w);
    }

    private static boolean option(Kind kind, String key, String v, Inet.Prefix p, String first, Statement st,
            ParseContext ctx) {
        switch (key) {
            case "brd" -> {
                if (Inet.isV6(p.address())) {
                    ctx.error(st.location(), "VRRP is trying to assign a broadcast %s to the IPv6 address %s !!?? "
                            + "WTF... skipping VIP...", v, first);
                    return false;
                }
                if (!v.equals("+") && !v.equals("-") && (Inet.parse(v) == null || Inet.isV6(Inet.parse(v)))) {
                    ctx.error(st.location(), "VRRP is trying to assign invalid broadcast %s. skipping VIP...", v);
                    return false;
                }
                return true;
            }
            case "dev" -> {
                if (!ctx.interfaceExists(v)) {
                    ctx.warning(st.location(), "WARNING - interface %s for ip address %s doesn't exist", v, first);
                    ctx.warning(st.location(), "Non-existent interface specified in configuration");
                }
                return true;
            }
            case "scope" -> {
                Long n = VrrpValues.unsigned(v);
                if (!SCOPES.contains(v) && (n == null || n > 255)) {
                    ctx.error(st.location(), "Invalid scope '%s' specified for %s - ignoring", v, first);
                    return false;
                }
                return true;
            }
            case "label" -> {
                if (v.length() > LABEL_MAX) {
                    ctx.error(st.location(), "Address label %s is longer than maximum length %d - removing address",
                            v, LABEL_MAX);
                    return false;
                }
                return true;
            }
            case "peer" -> {
                java.net.InetAddress a = Inet.parse(v.indexOf('/') < 0 ? v : v.substring(0, v.indexOf('/')));
                if (a == null || Inet.family(a) != p.family()) {
                    ctx.error(st.location(), "Peer address %s does not match address family", v);
                    return false;
                }
                return true;
            }
            case "preferred_lft" -> {
                if (!v.equals("forever") && VrrpValues.unsigned(v) == null) {
                    ctx.error(st.location(), "invalid number '%s'", v);
                    ctx.error(st.location(), "preferred_lft %s is invalid", v);
                    return false;
                }
                return true;
            }
            case "track_group" -> {
                if (kind != Kind.STATIC) {
                    ctx.error(st.location(), "track_group %s is not valid for a virtual address - ignoring", v);
                    return false;
                }
                VrrpRefs.trackGroupUse(ctx, v, st.location());
                return true;
            }
            default -> {
                return true;
            }
        }
    }
}
