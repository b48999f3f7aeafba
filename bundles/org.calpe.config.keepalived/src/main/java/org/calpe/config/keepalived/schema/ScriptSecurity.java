package org.calpe.config.keepalived.schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.keepalived.schema.security.HostView;
import org.calpe.config.keepalived.schema.security.ScriptFileCheck;
import org.calpe.config.keepalived.schema.security.ScriptFlag;
import org.calpe.config.keepalived.schema.security.ScriptRole;
import org.calpe.config.keepalived.schema.security.ScriptUsers;

/**
 * keepalived's script security, run on the root once the whole configuration is read: it decides
 * {@code keepalived -t}'s exit code 6 (KEEPALIVED_EXIT_CONFIG_TEST_SECURITY).
 * <p>
 * While reading, every script gets the user it runs as ({@link ScriptUsers}: scripts whose user cannot be
 * set are dropped, a {@code vrrp_script} with an error). Then each process checks the files of its scripts on
 * this machine ({@link ScriptFileCheck}): the VRRP process when there is a {@code vrrp_instance} (vrrp_script,
 * vrrp notify, notify FIFO scripts), the checker when a {@code virtual_server} has real servers (MISC_CHECK,
 * notify_up/down, quorum_up/down, notify FIFO scripts), the parent for {@code startup_script} and
 * {@code shutdown_script}. A {@code vrrp_script} found insecure under {@code enable_script_security} or not
 * found is disabled with an error (its track_script references are dropped silently); other scripts are
 * dropped silently. Without {@code enable_script_security}, any script file that would run is a security
 * violation, reported once per process.
 * <p>
 * The host (accounts, PATH, working directory, own ids) comes from {@code ctx.state(HostView.class, ...)};
 * tests put a fake there before parsing.
 */
public final class ScriptSecurity implements BlockValidator {
    private static final String INSECURE = " There are insecure scripts.";

    /** Verdicts of one process. */
    private static final class Verdict {
        private final String what;
        private final EnumSet<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        private Location first;

        Verdict(String what) {
            this.what = what;
        }

        void add(Set<ScriptFlag> f, Location at) {
            flags.addAll(f);
            if (first == null && f.contains(ScriptFlag.IS_SCRIPT)) {
                first = at;
            }
        }

        void report(boolean security, ParseContext ctx) {
            if (!security && flags.contains(ScriptFlag.IS_SCRIPT)) {
                ctx.security(first, "SECURITY VIOLATION - %s are being executed but script_security not enabled.%s",
                        what, flags.contains(ScriptFlag.INSECURE) ? INSECURE : "");
            }
        }
    }

    @Override
    public void validate(Block root, ParseContext ctx) {
        ScriptUsers users = users(root, ctx);
        HostView host = host(ctx);
        ScriptFileCheck files = new ScriptFileCheck(host);
        boolean security = users.scriptSecurity();
        boolean vrrpRuns = root.blocks("vrrp_instance").findAny().isPresent();
        boolean checkerRuns = root.blocks("virtual_server")
                .anyMatch(vs -> vs.blocks("real_server").findAny().isPresent());
        Verdict vrrp = new Verdict("scripts");
        Verdict checker = new Verdict("check scripts");
        Verdict parent = new Verdict("start/shutdown scripts");
        for (ScriptUsers.Resolved r : users.runnable()) {
            ScriptRole role = r.role();
            boolean inVrrp = role.vrrp() && vrrpRuns;
            boolean inChecker = role.checker() && checkerRuns;
            if (!inVrrp && !inChecker && !role.parent()) {
                continue;
            }
            Scripts.Script s = r.script();
            Set<ScriptFlag> flags = files.check(s.command(), r.uid(), r.gid(), security);
            consequence(s, role, flags, ctx);
            if (inVrrp) {
                vrrp.add(flags, s.location());
            }
            if (inChecker) {
                checker.add(flags, s.location());
            }
            if (role.parent()) {
                parent.add(flags, s.location());
            }
        }
        parent.report(security, ctx);
        vrrp.report(security, ctx);
        checker.report(security, ctx);
    }

    /**
     * Names of the {@code vrrp_script}s keepalived drops while reading because their user (or the default script
     * user) cannot be set: a {@code track_script} naming one reports "track script NAME not found". Safe to call
     * from any root validator; the decision and its diagnostics are made once per parse.
     */
    public static Set<String> removedVrrpScripts(Block root, ParseContext ctx) {
        return users(root, ctx).removedVrrpScripts();
    }

    private static ScriptUsers users(Block root, ParseContext ctx) {
        HostView host = host(ctx);
        List<Scripts.Script> scripts = ctx.state(Scripts.class, Scripts::new).all();
        ScriptUsers existing = ctx.state(UsersHolder.class, UsersHolder::new).users;
        if (existing != null) {
            return existing;
        }
        ScriptUsers users = ScriptUsers.resolve(root, scripts, host, ctx);
        ctx.state(UsersHolder.class, UsersHolder::new).users = users;
        return users;
    }

    private static HostView host(ParseContext ctx) {
        String path = ctx.options().environment().get("PATH");
        return ctx.state(HostView.class, () -> HostView.live(path));
    }

    /** Per-parse memo of the reading-time decisions. */
    private static final class UsersHolder {
        private ScriptUsers users;
    }

    private static void consequence(Scripts.Script s, ScriptRole role, Set<ScriptFlag> flags, ParseContext ctx) {
        boolean inhibit = flags.contains(ScriptFlag.INHIBIT);
        boolean notFound = flags.contains(ScriptFlag.NOT_FOUND);
        if (role == ScriptRole.TRACK) {
            if (inhibit) {
                ctx.error(s.location(), "Disabling track script %s due to insecure", s.owner());
            } else if (notFound) {
                ctx.error(s.location(), "Disabling track script %s since not found/accessible", s.owner());
            }
        } else if (role == ScriptRole.MISC && (inhibit || notFound)) {
            ctx.info(s.location(), "Disabling misc script %s %s", s.display(),
                    inhibit ? "due to insecure" : "since not found/accessible");
        } else if (inhibit || notFound) {
            ctx.info(s.location(), "Disabling %s script %s", ScriptRole.bareKind(s.kind()),
                    s.program());
        }
    }
}
