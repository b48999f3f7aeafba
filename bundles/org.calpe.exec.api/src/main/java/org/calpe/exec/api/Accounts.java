package org.calpe.exec.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Users and groups by name from {@code /etc/passwd} and {@code /etc/group} (the appliance has no NSS modules), as
 * keepalived's {@code getpwnam_r}/{@code getgrnam_r} find them for {@code script_user} and a script's own
 * {@code user USER [GROUP]}: the first line whose name matches and whose id fields are numbers (a malformed line is
 * skipped, as glibc's files backend does). Names only: {@code "0"} is not uid 0 here. The same rules serve the
 * configuration test and the script runner; a file that cannot be read knows nobody.
 */
public final class Accounts {
    /** A user's (or a script's) numeric user and group; shown as {@code uid:gid}. */
    public record Ids(int uid, int gid) {
        @Override
        public String toString() {
            return uid + ":" + gid;
        }
    }

    private final Path passwd;
    private final Path group;

    /** Accounts read from these files (read on every lookup, so edits are seen at once). */
    public Accounts(Path passwd, Path group) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** The accounts of this host: {@code /etc/passwd} and {@code /etc/group}. */
    public static Accounts host() {
        return new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** The user's uid and primary gid; empty for an unknown (or empty, or null) name. */
    public Optional<Ids> user(String name) {
        return entry(passwd, name, 4).map(f -> new Ids(Integer.parseInt(f[2]), Integer.parseInt(f[3])));
    }

    /** The group's gid; empty for an unknown (or empty, or null) name. */
    public OptionalInt group(String name) {
        return entry(group, name, 3).map(f -> OptionalInt.of(Integer.parseInt(f[2]))).orElse(OptionalInt.empty());
    }

    /**
     * The ids of {@code user} with {@code groupName} (may be null: the user's primary group) replacing its primary
     * group; empty if either is unknown.
     */
    public Optional<Ids> resolve(String user, String groupName) {
        Optional<Ids> ids = user(user);
        if (ids.isEmpty() || groupName == null) {
            return ids;
        }
        OptionalInt gid = group(groupName);
        return gid.isPresent() ? Optional.of(new Ids(ids.get().uid(), gid.getAsInt())) : Optional.empty();
    }

    /** The first line whose name field matches and whose id fields (3rd up to {@code fields}th) are numbers. */
    private static Optional<String[]> entry(Path file, String name, int fields) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= fields && f[0].equals(name) && numeric(f, 2, fields)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean numeric(String[] f, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!f[i].matches("[0-9]{1,10}") || Long.parseLong(f[i]) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }
}
