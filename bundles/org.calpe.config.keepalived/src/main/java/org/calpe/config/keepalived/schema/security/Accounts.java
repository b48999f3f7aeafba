package org.calpe.config.keepalived.schema.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * User and group lookup by name from {@code /etc/passwd} and {@code /etc/group}, as keepalived's
 * {@code getpwnam_r}/{@code getgrnam_r} do for {@code script_user} and per-script {@code user} (names only: a
 * number is not a uid).
 */
public final class Accounts {
    /** A user's ids. */
    public record Ids(int uid, int gid) {
    }

    private final Path passwd;
    private final Path group;

    public Accounts(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    /** The accounts of this host. */
    public static Accounts host() {
        return new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** The user's uid and primary gid. */
    public Optional<Ids> user(String name) {
        return entry(passwd, name, 4).map(f -> new Ids(Integer.parseInt(f[2]), Integer.parseInt(f[3])));
    }

    public OptionalInt group(String name) {
        return entry(group, name, 3).map(f -> OptionalInt.of(Integer.parseInt(f[2]))).orElse(OptionalInt.empty());
    }

    /** Ids of {@code user} with {@code group} (may be null) replacing its primary group; empty if either is unknown. */
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
            if (f.length >= fields && f[0].equals(name)) {
                boolean numeric = true;
                for (int i = 2; i < fields; i++) {
                    numeric &= f[i].matches("[0-9]{1,10}") && Long.parseLong(f[i]) <= Integer.MAX_VALUE;
                }
                if (numeric) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
