package org.calpe.config.keepalived.schema.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Scripts;
import org.calpe.exec.api.Accounts;

/**
 * What keepalived decides while it reads the configuration: the global script settings and which user each
 * script runs as. A script whose user cannot be set is dropped here; a dropped {@code vrrp_script} no longer
 * exists for {@code track_script} references. The default user is {@code script_user} when configured (if it
 * does not resolve, every script without its own user is dropped), else {@code keepalived_script} when that
 * user exists, else keepalived's own user, except that with {@code enable_script_security} a missing
 * {@code keepalived_script} is an error.
 */
public final class ScriptUsers {
    /** keepalived's message when {@code script_user} names an unknown user or group. */
    public static final String GLOBAL_USER_ERROR = "Error setting global script uid/gid";
    private static final String DEFAULT_USER = "keepalived_script";

    /** A script that survived reading, with the ids it runs as. */
    public record Resolved(Scripts.Script script, ScriptRole role, int uid, int gid) {
    }

    private final boolean scriptSecurity;
    private final List<Resolved> runnable;
    private final Set<String> removedVrrpScripts;

    private ScriptUsers(boolean scriptSecurity, List<Resolved> runnable, Set<String> removedVrrpScripts) {
        this.scriptSecurity = scriptSecurity;
        this.runnable = List.copyOf(runnable);
        this.removedVrrpScripts = Collections.unmodifiableSet(removedVrrpScripts);
    }

    /** Whether {@code enable_script_security} is set in any {@code global_defs}. */
    public boolean scriptSecurity() {
        return scriptSecurity;
    }

    public List<Resolved> runnable() {
        return runnable;
    }

    /** Names of the {@code vrrp_script}s dropped while reading (user or default user could not be set). */
    public Set<String> removedVrrpScripts() {
        return removedVrrpScripts;
    }

    /** Decides, reporting keepalived's errors in the context. */
    public static ScriptUsers resolve(Block root, List<Scripts.Script> scripts, HostView host, ParseContext ctx) {
        return new Resolver(root, host, ctx).run(scripts);
    }

    private static final class Resolver {
        private final Block root;
        private final HostView host;
        private final ParseContext ctx;
        private final boolean security;
        private boolean defaultDone;
        private Optional<Accounts.Ids> defaultIds = Optional.empty();

        Resolver(Block root, HostView host, ParseContext ctx) {
            this.root = root;
            this.host = host;
            this.ctx = ctx;
            this.security = root.blocks("global_defs").flatMap(b -> b.settings("enable_script_security"))
                    .anyMatch(s -> !Boolean.FALSE.equals(s.value()));
        }

        ScriptUsers run(List<Scripts.Script> scripts) {
            globalUser();
            List<Resolved> runnable = new ArrayList<>();
            Set<String> removed = new LinkedHashSet<>();
            for (Scripts.Script s : scripts) {
                ScriptRole role = ScriptRole.of(s.kind());
                String user = s.user();
                String group = s.group();
                Location userAt = s.location();
                if (user == null && role == ScriptRole.TRACK) {
                    Optional<Setting> own = root.blocks("vrrp_script").filter(b -> b.name().equals(s.owner()))
                            .reduce((a, b) -> b).flatMap(b -> b.setting("user"));
                    if (own.isPresent() && !own.get().args().isEmpty()) {
                        user = own.get().args().get(0);
                        group = own.get().args().size() > 1 ? own.get().args().get(1) : null;
                        userAt = own.get().location();
                    }
                }
                Optional<Accounts.Ids> ids = user != null ? host.accounts().resolve(user, group)
                        : defaultUser(s.location());
                if (ids.isPresent()) {
                    runnable.add(new Resolved(s, role, ids.get().uid(), ids.get().gid()));
                } else {
                    drop(s, role, user != null, userAt, removed);
                }
            }
            return new ScriptUsers(security, runnable, removed);
        }

        /** Applies {@code script_user}; reports it once if it does not resolve. */
        private void globalUser() {
            Optional<Setting> su = root.blocks("global_defs").flatMap(b -> b.settings("script_user"))
                    .reduce((a, b) -> b);
            if (su.isPresent() && !su.get().args().isEmpty()) {
                List<String> a = su.get().args();
                defaultDone = true;
                defaultIds = host.accounts().resolve(a.get(0), a.size() > 1 ? a.get(1) : null);
                if (defaultIds.isEmpty()) {
                    reportOnce(su.get().location(), GLOBAL_USER_ERROR);
                }
            } else if (ctx.diagnostics().stream().anyMatch(d -> d.message().equals(GLOBAL_USER_ERROR))) {
                // the global_defs keyword already rejected script_user: keepalived then has no default user
                defaultDone = true;
            }
        }

        private Optional<Accounts.Ids> defaultUser(Location at) {
            if (!defaultDone) {
                defaultDone = true;
                defaultIds = host.accounts().user(DEFAULT_USER);
                if (defaultIds.isEmpty()) {
                    if (security) {
                        ctx.error(at, "Unable to set default user %s for script", DEFAULT_USER);
                    } else {
                        defaultIds = Optional.of(new Accounts.Ids(host.ourUid(), host.ourGid()));
                    }
                }
            }
            return defaultIds;
        }

        private void drop(Scripts.Script s, ScriptRole role, boolean ownUser, Location userAt, Set<String> removed) {
            String cmd = s.display();
            switch (role) {
                case TRACK -> {
                    removed.add(s.owner());
                    if (ownUser) {
                        ctx.error(userAt, "Unable to set uid/gid for script %s", cmd);
                    } else {
                        ctx.error(s.location(), "Unable to set default user for vrrp script %s - removing",
                                s.owner());
                    }
                }
                case MISC -> {
                    if (ownUser) {
                        ctx.error(userAt, "Failed to set uid/gid for misc checker script %s - removing", cmd);
                    } else {
                        ctx.error(s.location(), "Unable to set default user for misc script %s - removing", cmd);
                    }
                }
                case STARTUP, SHUTDOWN -> ctx.error(s.location(), "Invalid %s script",
                        role == ScriptRole.STARTUP ? "startup" : "shutdown");
                default -> ctx.info(s.location(), ownUser ? "Invalid user/group for %s script %s - ignoring"
                        : "Failed to set default user for %s script %s - ignoring", ScriptRole.bareKind(s.kind()),
                        s.program());
            }
        }

        private void reportOnce(Location at, String message) {
            boolean done = ctx.diagnostics().stream()
                    .anyMatch(d -> d.message().equals(message) && d.location().equals(at));
            if (!done) {
                ctx.error(at, "%s", message);
            }
        }
    }
}
