package org.calpe.exec.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.calpe.exec.api.Accounts;
import org.calpe.exec.api.Accounts.Ids;
import org.calpe.exec.api.RunAs;

/**
 * A {@link RunAs} to ids: names through {@link Accounts} (the same lookup the configuration test uses), plus the
 * runner's own ids from {@code /proc/self/status}. Unlike keepalived, a name that is not found but is a number
 * is taken as that id, as {@code setpriv} does ({@link RunAs} allows numeric ids; the configuration test, like
 * keepalived, refuses them, so a {@code keepalived.conf} never gets here with one).
 */
final class UserDatabase {
    /** keepalived's default script user when {@code script_user} is not set. */
    static final String KEEPALIVED_SCRIPT_USER = "keepalived_script";

    private final Accounts accounts;
    private final Path selfStatus;

    UserDatabase(Accounts accounts, Path selfStatus) {
        this.accounts = accounts;
        this.selfStatus = selfStatus;
    }

    static UserDatabase system() {
        return new UserDatabase(Accounts.host(), Path.of("/proc/self/status"));
    }

    /** The ids for {@code runAs}, or a problem in keepalived's words. */
    Resolved resolve(RunAs runAs) {
        Optional<Ids> user = accounts.user(runAs.user());
        int uid;
        int gid;
        if (user.isPresent()) {
            uid = user.get().uid();
            gid = user.get().gid();
        } else if (isNumber(runAs.user())) {
            uid = Integer.parseInt(runAs.user());
            gid = uid;
        } else {
            return Resolved.problem("Script user '" + runAs.user() + "' does not exist");
        }
        if (runAs.group().isPresent()) {
            String g = runAs.group().get();
            OptionalInt named = accounts.group(g);
            if (named.isPresent()) {
                gid = named.getAsInt();
            } else if (isNumber(g)) {
                gid = Integer.parseInt(g);
            } else {
                return Resolved.problem("Script group '" + g + "' does not exist");
            }
        }
        return new Resolved(Optional.of(new Ids(uid, gid)), "");
    }

    /** keepalived's default: {@code keepalived_script} if it exists, else the runner's own user and group. */
    Ids defaultIds() {
        Resolved r = resolve(RunAs.user(KEEPALIVED_SCRIPT_USER));
        return r.ids().orElseGet(this::self);
    }

    Ids self() {
        try {
            int uid = -1;
            int gid = -1;
            for (String line : Files.readAllLines(selfStatus)) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.split("\\s+")[2]); // effective id, as keepalived's geteuid()
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.split("\\s+")[2]);
                }
            }
            if (uid < 0 || gid < 0) {
                throw new IllegalStateException("no Uid/Gid in " + selfStatus);
            }
            return new Ids(uid, gid);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + selfStatus, e);
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    record Resolved(Optional<Ids> ids, String problem) {
        static Resolved problem(String why) {
            return new Resolved(Optional.empty(), why);
        }
    }
}
