package org.calpe.vrrp.core.notify;

import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;

/**
 * One configured notify script: the words of {@code notify_master "/path/script arg"} (split as keepalived splits
 * them) and the optional {@code username [groupname]} after it. Without a user the runner's default applies
 * ({@code script_user}).
 */
public record NotifyScript(ScriptCommand command, Optional<RunAs> runAs) {

    public NotifyScript {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(runAs, "runAs");
    }

    /** A script run as the default script user. */
    public static NotifyScript of(String commandLine) {
        return new NotifyScript(ScriptCommand.parse(commandLine), Optional.empty());
    }

    /** A script with its own {@code username}. */
    public static NotifyScript of(String commandLine, RunAs user) {
        return new NotifyScript(ScriptCommand.parse(commandLine), Optional.of(user));
    }
}
