package org.calpe.vrrp.core.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.vrrp.api.VrrpState;

/**
 * Decides, as keepalived 2.2.7 does, which scripts a state change starts and which FIFO lines it writes. Pure:
 * the {@link Notifier} carries the plans out.
 * <ul>
 * <li>Instance MASTER/BACKUP/FAULT/STOP: {@code notify_<state>}, then {@code notify ... INSTANCE name STATE
 * effective-priority}, then the FIFO line.</li>
 * <li>Instance removed by a reload: with {@code notify_deleted} the state is DELETED and its script (if any)
 * runs; without it the state is FAULT and <em>no</em> state script runs ({@code notify_fault} is not used).
 * Then the generic script and the FIFO line with that state.</li>
 * <li>Sync group: {@code notify_<state>}, then {@code notify ... GROUP name STATE 0}, then the FIFO line with
 * priority 0.</li>
 * <li>{@code notify_master_rx_lower_pri}: its script (no extra arguments), then a MASTER_RX_LOWER_PRI line.</li>
 * <li>Priority change with {@code notify_priority_changes}: only a MASTER_PRIORITY or BACKUP_PRIORITY line.</li>
 * </ul>
 * Scripts run at STOP are given keepalived's one-second limit ({@code TIMER_HZ}), after which the group is killed;
 * all others run without a limit.
 */
public final class NotifyPlanner {

    /** keepalived's limit on the scripts it runs while stopping. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private NotifyPlanner() {
    }

    public static NotifyPlan instance(String name, InstanceNotifyScripts s, VrrpState state, int priority) {
        Objects.requireNonNull(name, "name");
        Optional<NotifyScript> specific = switch (state) {
            case MASTER -> s.master();
            case BACKUP -> s.backup();
            case FAULT -> s.fault();
            case STOP -> s.stop();
            case INIT, DELETED -> throw new IllegalArgumentException(
                    "no instance notification for " + state + " (DELETED: use instanceDeleted)");
        };
        return plan(NotifySubject.INSTANCE, name, state, priority, specific, s.generic(), keywordOf(state));
    }

    public static NotifyPlan instanceDeleted(String name, InstanceNotifyScripts s, int priority) {
        Objects.requireNonNull(name, "name");
        VrrpState state = s.notifyDeleted() ? VrrpState.DELETED : VrrpState.FAULT;
        Optional<NotifyScript> specific = s.notifyDeleted() ? s.deleted() : Optional.empty();
        return plan(NotifySubject.INSTANCE, name, state, priority, specific, s.generic(), "notify_deleted");
    }

    public static NotifyPlan group(String name, GroupNotifyScripts s, VrrpState state) {
        Objects.requireNonNull(name, "name");
        Optional<NotifyScript> specific = switch (state) {
            case MASTER -> s.master();
            case BACKUP -> s.backup();
            case FAULT -> s.fault();
            case STOP -> s.stop();
            case INIT, DELETED -> throw new IllegalArgumentException("no sync group notification for " + state);
        };
        return plan(NotifySubject.GROUP, name, state, 0, specific, s.generic(), keywordOf(state));
    }

    public static NotifyPlan masterReceivedLowerPriority(String name, InstanceNotifyScripts s, int priority) {
        List<ScriptRequest> scripts = new ArrayList<>();
        s.masterRxLowerPri().ifPresent(
                sc -> scripts.add(request(label(NotifySubject.INSTANCE, name, "notify_master_rx_lower_pri"), sc,
                        false)));
        return new NotifyPlan(scripts,
                List.of(NotifyFormat.fifoEventLine(name, FifoEvent.MASTER_RX_LOWER_PRI, priority)));
    }

    /** {@code state} is the instance's current state: MASTER gives MASTER_PRIORITY, anything else BACKUP_PRIORITY. */
    public static NotifyPlan priorityChanged(String name, InstanceNotifyScripts s, VrrpState state, int priority) {
        if (!s.priorityChanges()) {
            return new NotifyPlan(List.of(), List.of());
        }
        FifoEvent e = state == VrrpState.MASTER ? FifoEvent.MASTER_PRIORITY : FifoEvent.BACKUP_PRIORITY;
        return new NotifyPlan(List.of(), List.of(NotifyFormat.fifoEventLine(name, e, priority)));
    }

    private static NotifyPlan plan(NotifySubject subject, String name, VrrpState state, int priority,
            Optional<NotifyScript> specific, Optional<NotifyScript> generic, String keyword) {
        String line = NotifyFormat.fifoLine(subject, name, state, priority); // validates the priority first
        boolean stop = state == VrrpState.STOP;
        List<ScriptRequest> scripts = new ArrayList<>(2);
        specific.ifPresent(sc -> scripts.add(request(label(subject, name, keyword), sc,
                stop && subject == NotifySubject.INSTANCE)));
        generic.ifPresent(sc -> scripts.add(request(label(subject, name, "notify"),
                new NotifyScript(NotifyFormat.genericArgv(sc.command(), subject, name, state, priority), sc.runAs()),
                stop)));
        return new NotifyPlan(scripts, List.of(line));
    }

    static ScriptRequest request(String label, NotifyScript script, boolean stopLimit) {
        ScriptRequest r = ScriptRequest.of(label, script.command());
        if (script.runAs().isPresent()) {
            r = r.withRunAs(script.runAs().get());
        }
        return stopLimit ? r.withTimeout(STOP_TIMEOUT) : r;
    }

    private static String label(NotifySubject subject, String name, String keyword) {
        return (subject == NotifySubject.INSTANCE ? "VRRP_Instance(" : "VRRP_Group(") + name + ") " + keyword;
    }

    private static String keywordOf(VrrpState state) {
        return "notify_" + NotifyFormat.stateWord(state).toLowerCase(java.util.Locale.ROOT);
    }
}
