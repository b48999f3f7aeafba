package org.calpe.exec.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.calpe.exec.api.RunAs;

/**
 * Names to ids from {@code /etc/passwd} and {@code /etc/group} (the appliance has no NSS modules), plus the
 * runner's own ids from {@code /proc/self/status}. Numeric names are taken as ids, as {@code setpriv} does.
 */
final class UserDatabase {
    /** keepalived's default script user when {@code script_user} is not set. */
    static final String KEEPALIVED_SCRIPT_USER = "keepalived_script";

    private final Path passwd;
    private final Path group;
    private final Path selfStatus;

    UserDatabase(Path passwd, Path group, Path selfStatus) {
        this.passwd = passwd;
        this.group = group;
        this.selfStatus = selfStatus;
    }

    static UserDatabase system() {
        return new UserDatabase(Path.of("/etc/passwd"), Path.of("/etc/group"), Path.of("/proc/self/status"));
    }

    /** The ids for {@code runAs}, or a problem in keepalived's words. */
    Resolved resolve(RunAs runAs) {
        Optional<String[]> pw = lookup(passwd, runAs.user());
        int uid;
        int gid;
        if (pw.isPresent()) {
            uid = Integer.parseInt(pw.get()[2]);
            gid = Integer.parseInt(pw.get()[3]);
        } else if (isNumber(runAs.user())) {
            uid = Integer.parseInt(runAs.user());
            gid = uid;
        } else {
            return Resolved.problem("Script user '" + runAs.user() + "' does not exist");
        }
        if (runAs.group().isPresent()) {
            String g = runAs.group().get();
            Optional<String[]> gr = lookup(group, g);
            if (gr.isPresent()) {
                gid = Integer.parseInt(gr.get()[2]);
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

    private static Optional<String[]> lookup(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && f[0].equals(name) && isNumber(f[2])) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
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
