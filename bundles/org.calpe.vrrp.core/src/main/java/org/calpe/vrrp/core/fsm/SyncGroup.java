package org.calpe.vrrp.core.fsm;

import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.fsm.VrrpAction.Level;

/**
 * A {@code vrrp_sync_group}: its members move together, as keepalived 2.2's {@code vrrp_sync.c} and the
 * transition matrix of {@code vrrp_scheduler.c} make them.
 * <ul>
 * <li>A member whose down timer expires only becomes MASTER when every other member wants MASTER too (their own
 * timers expired); otherwise it restarts its timer ("prefer backup state to avoid thrashing"). The member that
 * does become MASTER pulls the others to MASTER ({@code VRRP_Group(G) Syncing instances to MASTER state}).</li>
 * <li>A master that goes to BACKUP takes the other masters to BACKUP (no priority 0 advert).</li>
 * <li>A member that enters FAULT takes every other member to FAULT; the group leaves FAULT (to BACKUP, or MASTER)
 * only when no member has a fault of its own.</li>
 * </ul>
 * Same threading rule as {@link InstanceStateMachine}: the group and all its members belong to one thread.
 */
public final class SyncGroup {
    private final String name;
    private final List<InstanceStateMachine> members;
    private final ActionSink sink;
    private VrrpState state;
    private int memberFaults;

    /**
     * Joins {@code members} (not yet started) into a group; {@link #start()} starts them.
     *
     * @param sink receives the group's own actions (group state changes and log lines)
     */
    public SyncGroup(String name, List<InstanceStateMachine> members, ActionSink sink) {
        this.name = Objects.requireNonNull(name, "name");
        this.members = List.copyOf(members);
        this.sink = Objects.requireNonNull(sink, "sink");
        VrrpState s = null;
        for (InstanceStateMachine m : this.members) {
            if (m.group != null || m.state() != VrrpState.INIT) {
                throw new IllegalArgumentException(m.name() + " is already started or in a group");
            }
            m.group = this;
            if (s != VrrpState.BACKUP) {
                s = m.wantState() == VrrpState.MASTER && m.config().owner() ? VrrpState.MASTER : VrrpState.BACKUP;
            }
        }
        this.state = s == null ? VrrpState.BACKUP : s;
    }

    /** Starts the members, in configuration order (keepalived's startup). */
    public void start() {
        for (InstanceStateMachine m : members) {
            if (m.ownFaultAtStart()) {
                if (state != VrrpState.FAULT) {
                    log("VRRP_Group(" + name + "): Syncing " + m.name() + " to FAULT state");
                    state = VrrpState.FAULT;
                }
                memberFaults++;
            }
        }
        if (state == VrrpState.FAULT || state == VrrpState.BACKUP) {
            sink.accept(new VrrpAction.GroupStateChanged(name, VrrpState.INIT, state));
        }
        for (InstanceStateMachine m : members) {
            m.start();
        }
    }

    /**
     * Resumes the group after a hand-over (see {@link InstanceStateMachine#resume}): when the group and every
     * member were in {@code saved} (MASTER or BACKUP) they enter it directly, without a group state change;
     * otherwise the group starts as {@link #start()} does.
     *
     * @param memberStates the saved state of each member, in the order of {@link #members()}
     * @return true if the group resumed
     */
    public boolean resume(VrrpState saved, List<VrrpState> memberStates) {
        boolean same = memberStates.size() == members.size() && memberStates.stream().allMatch(s -> s == saved);
        boolean own = members.stream().noneMatch(InstanceStateMachine::ownFaultAtStart);
        if (!same || !own || (saved != VrrpState.MASTER && saved != VrrpState.BACKUP)) {
            start();
            return false;
        }
        state = saved;
        log("VRRP_Group(" + name + ") Resuming " + saved + " state after a hand-over");
        for (InstanceStateMachine m : members) {
            m.resume(saved);
        }
        return true;
    }

    /** Stops every member. */
    public void stop() {
        for (InstanceStateMachine m : members) {
            m.stop();
        }
        setState(VrrpState.STOP);
    }

    public String name() {
        return name;
    }

    public VrrpState state() {
        return state;
    }

    public List<InstanceStateMachine> members() {
        return members;
    }

    // ---------------------------------------------------------------- called by members

    boolean initPending() {
        for (InstanceStateMachine m : members) {
            if (m.initPending()) {
                return true;
            }
        }
        return false;
    }

    /** keepalived's {@code vrrp_sync_can_goto_master}. */
    boolean canGoMaster(InstanceStateMachine m) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        for (InstanceStateMachine other : members) {
            if (other != m && other.wantState() != VrrpState.MASTER) {
                m.restartDownTimer();
                return false;
            }
        }
        return true;
    }

    /** keepalived's {@code vrrp_sync_master}. */
    void syncMaster(InstanceStateMachine m) {
        if (state == VrrpState.MASTER || !canGoMaster(m)) {
            return;
        }
        log("VRRP_Group(" + name + ") Syncing instances to MASTER state");
        for (InstanceStateMachine other : members) {
            if (other != m && other.state() != VrrpState.MASTER) {
                other.setWantState(VrrpState.MASTER);
                other.gotoMaster("sync group " + name + " with " + m.name());
            }
        }
        setState(VrrpState.MASTER);
    }

    /** keepalived's {@code vrrp_sync_backup}. */
    void syncBackup(InstanceStateMachine m) {
        if (state == VrrpState.BACKUP) {
            return;
        }
        log("VRRP_Group(" + name + ") Syncing instances to BACKUP state");
        for (InstanceStateMachine other : members) {
            if (other == m || other.state() == VrrpState.BACKUP) {
                continue;
            }
            other.setWantState(VrrpState.BACKUP);
            String reason = "sync group " + name + " with " + m.name();
            if (other.state() == VrrpState.FAULT || other.state() == VrrpState.INIT) {
                other.leaveFault(reason);
            } else {
                other.leaveMaster(false, reason);
            }
        }
        setState(VrrpState.BACKUP);
    }

    /** keepalived's {@code vrrp_sync_fault}. */
    void syncFault(InstanceStateMachine m) {
        if (state == VrrpState.FAULT) {
            return;
        }
        log("VRRP_Group(" + name + ") Syncing instances to FAULT state");
        for (InstanceStateMachine other : members) {
            if (other == m || other.state() == VrrpState.FAULT) {
                continue;
            }
            other.setWantState(VrrpState.FAULT);
            String reason = "sync group " + name + " with " + m.name();
            if (other.state() == VrrpState.MASTER) {
                other.leaveMaster(false, reason);
            } else if (other.state() == VrrpState.BACKUP || other.state() == VrrpState.INIT) {
                other.forceState(VrrpState.FAULT);
                other.leaveFault(reason);
            }
        }
        setState(VrrpState.FAULT);
    }

    void memberFaulted(InstanceStateMachine m) {
        if (memberFaults++ == 0) {
            syncFault(m);
        }
    }

    /** A member's own faults cleared; true if the group may leave FAULT now. */
    boolean memberRecovered(InstanceStateMachine m, boolean leavingInit) {
        if (leavingInit) {
            return memberFaults == 0 && !initPending();
        }
        return --memberFaults == 0 && !initPending();
    }

    /** The other members with {@code garp_lower_prio_repeat} re-announce too. */
    void lowerPriorityGarp(InstanceStateMachine m) {
        for (InstanceStateMachine other : members) {
            if (other != m && other.garpLowerPrio()) {
                other.sink().accept(new VrrpAction.LowerPriorityGarp());
            }
        }
    }

    private void setState(VrrpState s) {
        if (s != state) {
            sink.accept(new VrrpAction.GroupStateChanged(name, state, s));
            state = s;
        }
    }

    private void log(String message) {
        sink.accept(new VrrpAction.Log(Level.INFO, message));
    }
}
