package org.calpe.vrrp.core.notify;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptRunner;
import org.calpe.vrrp.api.VrrpState;

/**
 * Carries out keepalived's notifications: starts the scripts of a {@link NotifyPlan} through the
 * {@link ScriptRunner} in the plan's order, without waiting for any of them (keepalived forks each notify script
 * and goes on; they run in parallel), then offers the FIFO lines to the {@link FifoSink}. Nothing here blocks:
 * the runner queues, the FIFO sink only offers to a bounded queue. Safe to call from the protocol thread.
 * <p>
 * Which state changes are notified, and in which order across instances and sync groups, is the state machine's
 * business (keepalived, for instance, announces a sync group's BACKUP before its instances' at start-up, and after
 * them otherwise); this class does one notification at a time.
 */
public final class Notifier {

    private final ScriptRunner runner;
    private final FifoSink fifo;
    private final AtomicLong scriptsStarted = new AtomicLong();
    private final AtomicLong linesDropped = new AtomicLong();

    public Notifier(ScriptRunner runner, FifoSink fifo) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.fifo = Objects.requireNonNull(fifo, "fifo");
    }

    /** An instance entered MASTER, BACKUP, FAULT or STOP with this effective priority. */
    public NotifyPlan instanceChanged(String name, InstanceNotifyScripts scripts, VrrpState state, int priority) {
        return carryOut(NotifyPlanner.instance(name, scripts, state, priority));
    }

    /** An instance was removed by a reload (DELETED with {@code notify_deleted}, FAULT without). */
    public NotifyPlan instanceDeleted(String name, InstanceNotifyScripts scripts, int priority) {
        return carryOut(NotifyPlanner.instanceDeleted(name, scripts, priority));
    }

    /** A sync group entered MASTER, BACKUP, FAULT or STOP. */
    public NotifyPlan groupChanged(String name, GroupNotifyScripts scripts, VrrpState state) {
        return carryOut(NotifyPlanner.group(name, scripts, state));
    }

    /** A MASTER received an advert with a lower priority than its own. */
    public NotifyPlan masterReceivedLowerPriority(String name, InstanceNotifyScripts scripts, int priority) {
        return carryOut(NotifyPlanner.masterReceivedLowerPriority(name, scripts, priority));
    }

    /** The effective priority of an instance changed (FIFO line only, with {@code notify_priority_changes}). */
    public NotifyPlan priorityChanged(String name, InstanceNotifyScripts scripts, VrrpState state, int priority) {
        return carryOut(NotifyPlanner.priorityChanged(name, scripts, state, priority));
    }

    /** Scripts handed to the runner so far. */
    public long scriptsStarted() {
        return scriptsStarted.get();
    }

    /** FIFO lines that a FIFO dropped. */
    public long linesDropped() {
        return linesDropped.get();
    }

    private NotifyPlan carryOut(NotifyPlan plan) {
        List<ScriptRequest> scripts = plan.scripts();
        for (ScriptRequest r : scripts) {
            runner.run(r); // never blocks; the outcome is logged by the runner
            scriptsStarted.incrementAndGet();
        }
        for (String line : plan.fifoLines()) {
            if (!fifo.offer(line)) {
                linesDropped.incrementAndGet();
            }
        }
        return plan;
    }
}
