package org.calpe.config.keepalived.schema.lvs;

import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Scripts;

/** Checks run when a checker block (or an HTTP url block) closes, with keepalived 2.2.7's messages. */
final class CheckerChecks {
    private CheckerChecks() {
    }

    /** An IPv6 link-local connect_ip needs bind_if. */
    static void linkLocal(Block checker, ParseContext ctx) {
        checker.value("connect_ip", String.class).ifPresent(ip -> {
            if (isLinkLocal(ip) && checker.setting("bind_if").isEmpty()) {
                ctx.error(checker.setting("connect_ip").get().location(),
                        "Checker link local address %s requires a bind_if", ip);
            }
        });
    }

    static boolean isLinkLocal(String ip) {
        String l = ip.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("fe8") || l.startsWith("fe9") || l.startsWith("fea") || l.startsWith("feb");
    }

    /** A url block needs a path; regex tuning without a regex is dropped (only logged by keepalived). */
    static void url(Block url, ParseContext ctx) {
        if (url.setting("path").isEmpty()) {
            ctx.error(url.location(), "HTTP/SSL_GET checker url has no path - ignoring");
        }
        boolean tuning = url.setting("regex_no_match").isPresent() || url.setting("regex_options").isPresent()
                || url.setting("regex_min_offset").isPresent() || url.setting("regex_max_offset").isPresent()
                || url.setting("regex_stack").isPresent();
        if (url.setting("regex").isEmpty() && tuning) {
            ctx.info(url.location(), "regex parameters specified without regex");
        }
        long min = url.value("regex_min_offset", Long.class).orElse(0L);
        url.value("regex_max_offset", Long.class).ifPresent(max -> {
            if (min > max) {
                ctx.info(url.location(), "regex min offset %d > regex_max_offset %d - ignoring", min, max);
            }
        });
        url.settings("digest").skip(1).forEach(d -> ctx.error(d.location(), "Digest '%s' is a duplicate",
                d.value()));
    }

    /** An HTTP_GET/SSL_GET needs at least one url with a path. */
    static void http(Block checker, ParseContext ctx) {
        boolean any = checker.blocks("url").anyMatch(u -> u.setting("path").isPresent());
        if (!any) {
            ctx.error(checker.location(), "HTTP/SSL_GET checker has no urls specified - ignoring");
        }
    }

    static void udp(Block checker, ParseContext ctx) {
        long min = checker.value("min_reply_length", Long.class).orElse(0L);
        long max = checker.value("max_reply_length", Long.class).orElse(255L);
        if (min > max) {
            ctx.error(checker.location(), "UDP_CHECK min_reply length %d > max_reply_length %d - will always fail",
                    min, max);
        }
    }

    static void misc(Block checker, ParseContext ctx) {
        if (checker.setting("misc_path").isEmpty()) {
            ctx.error(checker.location(), "No script path has been specified for MISC_CHECKER - skipping");
            return;
        }
        Setting path = checker.setting("misc_path").get();
        List<?> user = checker.value("user", List.class).orElse(List.of());
        ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script("MISC_CHECK", LvsState.of(ctx).rsOwner,
                (String) path.value(), user.isEmpty() ? null : (String) user.get(0),
                user.size() > 1 ? (String) user.get(1) : null, path.location()));
    }

    static void file(Block checker, ParseContext ctx) {
        if (checker.setting("track_file").isEmpty()) {
            ctx.error(checker.location(), "FILE_CHECK has no track_file specified - ignoring");
        }
    }

    static void bfd(Block checker, ParseContext ctx) {
        if (checker.setting("name").isEmpty()) {
            ctx.error(checker.location(), "No name has been specified for BFD_CHECKER - skipping");
        }
    }
}
