package org.calpe.config.keepalived.schema.vrrp;

import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.api.model.ScriptCommand;
import org.calpe.config.keepalived.schema.Scripts;

/** Hands the scripts of the VRRP side to the shared script security ({@link Scripts}). */
final class ScriptRegistration {
    static final List<String> NOTIFY = List.of("notify_backup", "notify_master", "notify_fault", "notify_stop",
            "notify", "notify_master_rx_lower_pri", "notify_deleted");
    static final List<String> GLOBAL = List.of("startup_script", "shutdown_script", "notify_fifo_script",
            "vrrp_notify_fifo_script", "lvs_notify_fifo_script");

    private ScriptRegistration() {
    }

    /** Registers the first of each notify keyword of a vrrp_instance or vrrp_sync_group (keepalived keeps it). */
    static void notifies(Block b, ParseContext ctx, List<String> keywords) {
        for (String kw : keywords) {
            b.settings(kw).findFirst().ifPresent(s -> register(s, kw + " script", b.name(), ctx));
        }
    }

    static void register(Setting s, String kind, String owner, ParseContext ctx) {
        ScriptCommand c = command(s);
        if (c != null) {
            ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script(kind, owner, c.command(), c.user(),
                    c.group(), s.location()));
        }
    }

    /** The command of a script setting (ScriptCommand, or the words of notify_deleted), or null. */
    static ScriptCommand command(Setting s) {
        if (s.value() instanceof ScriptCommand c) {
            return c;
        }
        if (s.value() instanceof List<?> l && !l.isEmpty()) {
            return new ScriptCommand(String.valueOf(l.get(0)), l.size() > 1 ? String.valueOf(l.get(1)) : null,
                    l.size() > 2 ? String.valueOf(l.get(2)) : null);
        }
        return null;
    }
}
