package org.calpe.exec.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity a script runs as: keepalived's {@code script_user USER [GROUP]} or a script's own
 * {@code user USER [GROUP]}. Names or numeric ids. Without a group, the user's primary group is used. The
 * supplementary groups are exactly the group (keepalived's {@code setgroups(1, &gid)}).
 */
public record RunAs(String user, Optional<String> group) {
    public RunAs {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        if (user.isBlank()) {
            throw new IllegalArgumentException("empty user name");
        }
        if (group.isPresent() && group.get().isBlank()) {
            throw new IllegalArgumentException("empty group name");
        }
    }

    public static RunAs user(String user) {
        return new RunAs(user, Optional.empty());
    }

    public static RunAs of(String user, String group) {
        return new RunAs(user, Optional.ofNullable(group));
    }

    @Override
    public String toString() {
        return group.map(g -> user + ":" + g).orElse(user);
    }
}
