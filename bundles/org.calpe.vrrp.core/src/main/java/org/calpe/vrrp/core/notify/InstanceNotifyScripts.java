package org.calpe.vrrp.core.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * The notify settings of one {@code vrrp_instance}.
 *
 * @param master          {@code notify_master}
 * @param backup          {@code notify_backup}
 * @param fault           {@code notify_fault}
 * @param stop            {@code notify_stop}
 * @param notifyDeleted   whether {@code notify_deleted} is configured (with or without a script): an instance
 *                        removed by a reload is then announced as DELETED instead of FAULT
 * @param deleted         the script given to {@code notify_deleted}, if any
 * @param generic         {@code notify}: gets {@code INSTANCE "name" STATE priority} appended
 * @param masterRxLowerPri {@code notify_master_rx_lower_pri}
 * @param priorityChanges {@code notify_priority_changes} (or the global {@code vrrp_notify_priority_changes}):
 *                        write MASTER_PRIORITY / BACKUP_PRIORITY lines to the FIFOs
 */
public record InstanceNotifyScripts(Optional<NotifyScript> master, Optional<NotifyScript> backup,
        Optional<NotifyScript> fault, Optional<NotifyScript> stop, boolean notifyDeleted,
        Optional<NotifyScript> deleted, Optional<NotifyScript> generic, Optional<NotifyScript> masterRxLowerPri,
        boolean priorityChanges) implements StateScripts<InstanceNotifyScripts> {

    public static final InstanceNotifyScripts NONE = new InstanceNotifyScripts(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), false);

    public InstanceNotifyScripts {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(generic, "generic");
        Objects.requireNonNull(masterRxLowerPri, "masterRxLowerPri");
        if (deleted.isPresent() && !notifyDeleted) {
            throw new IllegalArgumentException("a notify_deleted script implies notify_deleted");
        }
    }

    @Override
    public InstanceNotifyScripts withMaster(NotifyScript s) {
        return new InstanceNotifyScripts(Optional.of(s), backup, fault, stop, notifyDeleted, deleted, generic,
                masterRxLowerPri, priorityChanges);
    }

    @Override
    public InstanceNotifyScripts withBackup(NotifyScript s) {
        return new InstanceNotifyScripts(master, Optional.of(s), fault, stop, notifyDeleted, deleted, generic,
                masterRxLowerPri, priorityChanges);
    }

    @Override
    public InstanceNotifyScripts withFault(NotifyScript s) {
        return new InstanceNotifyScripts(master, backup, Optional.of(s), stop, notifyDeleted, deleted, generic,
                masterRxLowerPri, priorityChanges);
    }

    @Override
    public InstanceNotifyScripts withStop(NotifyScript s) {
        return new InstanceNotifyScripts(master, backup, fault, Optional.of(s), notifyDeleted, deleted, generic,
                masterRxLowerPri, priorityChanges);
    }

    /** {@code notify_deleted} with a script ({@code null}: the keyword alone). */
    public InstanceNotifyScripts withDeleted(NotifyScript s) {
        return new InstanceNotifyScripts(master, backup, fault, stop, true, Optional.ofNullable(s), generic,
                masterRxLowerPri, priorityChanges);
    }

    @Override
    public InstanceNotifyScripts withGeneric(NotifyScript s) {
        return new InstanceNotifyScripts(master, backup, fault, stop, notifyDeleted, deleted, Optional.of(s),
                masterRxLowerPri, priorityChanges);
    }

    public InstanceNotifyScripts withMasterRxLowerPri(NotifyScript s) {
        return new InstanceNotifyScripts(master, backup, fault, stop, notifyDeleted, deleted, generic,
                Optional.of(s), priorityChanges);
    }

    public InstanceNotifyScripts withPriorityChanges(boolean on) {
        return new InstanceNotifyScripts(master, backup, fault, stop, notifyDeleted, deleted, generic,
                masterRxLowerPri, on);
    }
}
