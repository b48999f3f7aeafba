package org.calpe.vrrp.core.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * The notify settings of one {@code vrrp_sync_group}: {@code notify_master/backup/fault/stop} and the generic
 * {@code notify}, which gets {@code GROUP "name" STATE 0} appended (a group's priority is always 0).
 */
public record GroupNotifyScripts(Optional<NotifyScript> master, Optional<NotifyScript> backup,
        Optional<NotifyScript> fault, Optional<NotifyScript> stop, Optional<NotifyScript> generic)
        implements StateScripts<GroupNotifyScripts> {

    public static final GroupNotifyScripts NONE = new GroupNotifyScripts(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public GroupNotifyScripts {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(generic, "generic");
    }

    @Override
    public GroupNotifyScripts withMaster(NotifyScript s) {
        return new GroupNotifyScripts(Optional.of(s), backup, fault, stop, generic);
    }

    @Override
    public GroupNotifyScripts withBackup(NotifyScript s) {
        return new GroupNotifyScripts(master, Optional.of(s), fault, stop, generic);
    }

    @Override
    public GroupNotifyScripts withFault(NotifyScript s) {
        return new GroupNotifyScripts(master, backup, Optional.of(s), stop, generic);
    }

    @Override
    public GroupNotifyScripts withStop(NotifyScript s) {
        return new GroupNotifyScripts(master, backup, fault, Optional.of(s), generic);
    }

    @Override
    public GroupNotifyScripts withGeneric(NotifyScript s) {
        return new GroupNotifyScripts(master, backup, fault, stop, Optional.of(s));
    }
}
