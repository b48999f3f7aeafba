package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.calpe.vrrp.core.fsm.VrrpAction.Level;
import org.calpe.vrrp.core.fsm.VrrpAction.Virtuals;

/**
 * The state machine of one VRRP instance (RFC 3768 §6.4, RFC 5798 §6.4) with keepalived 2.2's behaviour
 * ({@code vrrp_init_state}, {@code vrrp_state_backup}, {@code vrrp_state_master_rx}, {@code vrrp_state_goto_master},
 * {@code vrrp_state_leave_master}, {@code vrrp_state_leave_fault}, {@code down_instance},
 * {@code try_up_instance}, {@code vrrp_set_effective_priority}).
 * <p>
 * Pure: time comes from the injected {@link Scheduler}, every effect goes to the {@link ActionSink}. Not
 * thread-safe: every call, including {@link #timerFired}, must come from the one thread (event loop) that owns
 * the instance and its sync group.
 */
public final class InstanceStateMachine {
    private final InstanceConfig config;
    private final Scheduler scheduler;
    private final ActionSink sink;
    private final TrackerSet trackers;
    private final String tag;
    private final long adverInt;
    SyncGroup group;

    private VrrpState state = VrrpState.INIT;
    private VrrpState reported = VrrpState.INIT;
    private VrrpState wantState;
    private int basePriority;
    private int effectivePriority;
    private long masterAdverInt;
    private long msDownTimer;
    private VrrpTimer armed;
    private long deadline;
    private boolean preemptRunning;
    private long preemptTime;
    private boolean vipSet;
    private boolean faulted;
    private InetAddress primaryAddress;
    private InetAddress masterAddress;
    private int masterPriority;
    private String nextMasterReason = "master down timer expired";
    private long advertsSent;
    private long becomeMaster;
    private long releaseMaster;
    private long priZeroSent;
    private long priZeroReceived;

    public InstanceStateMachine(InstanceConfig config, Scheduler scheduler, ActionSink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.trackers = new TrackerSet(config.trackers());
        this.tag = "(" + config.name() + ")";
        this.adverInt = config.advertIntervalMicros();
        this.masterAdverInt = adverInt;
        this.wantState = config.initialState();
        this.basePriority = config.priority();
        this.effectivePriority = config.priority();
        this.primaryAddress = config.primaryAddress();
    }

    // ---------------------------------------------------------------- inputs

    /** Leaves INIT: keepalived's {@code vrrp_init_state}. */
    public void start() {
        if (state != VrrpState.INIT) {
            throw new IllegalStateException(tag + " already started");
        }
        removeVirtuals(); // keepalived releases leftover addresses at start ("(VI_1) removing VIPs.")
        for (Tracker t : trackers.all()) {
            if (trackers.faulted(t)) {
                log(Level.INFO, faultMessage(t));
            }
        }
        setEffectivePriority();
        faulted = trackers.faultCount() > 0;
        if (faulted) {
            state = VrrpState.FAULT;
            wantState = VrrpState.FAULT;
        }
        VrrpState begin = state;
        VrrpState newState = group != null ? group.state() : wantState;
        boolean initPending = trackers.initCount() > 0 || (group != null && group.initPending());
        if (!faulted && newState == VrrpState.MASTER && !initPending && config.owner()
                && wantState == VrrpState.MASTER) {
            // keepalived: "the simplest way to become master is to timeout from the backup state very quickly"
            state = VrrpState.BACKUP;
            msDownTimer = 1;
            nextMasterReason = "address owner";
            arm(VrrpTimer.MASTER_DOWN, msDownTimer);
            return;
        }
        msDownTimer = newState == VrrpState.BACKUP && wantState == VrrpState.MASTER
                ? masterAdverInt + TimerMath.skewMin(config.version(), masterAdverInt)
                : masterDownInterval();
        if (!faulted && newState != VrrpState.FAULT && !initPending) {
            log(Level.INFO, tag + " Entering BACKUP STATE (init)");
            state = VrrpState.BACKUP;
        } else {
            if (begin != VrrpState.FAULT) {
                log(Level.INFO, tag + " Entering FAULT STATE (init)");
            }
            state = VrrpState.FAULT;
        }
        boolean notify = begin != state && (state != VrrpState.FAULT || faulted);
        changed(faulted ? "tracker down" : state == VrrpState.FAULT ? "waiting for trackers" : "init", notify);
        initSands();
    }

    /**
     * Stops the instance (keepalived's shutdown): a master sends a priority 0 advert and releases its addresses;
     * every instance then enters STOP.
     */
    public void stop() {
        if (state == VrrpState.STOP) {
            return;
        }
        disarm();
        if (state == VrrpState.MASTER) {
            restoreInterface(true);
        }
        state = VrrpState.STOP;
        changed("stop", true);
    }

    /**
     * Leaves INIT straight into {@code saved}, the state this instance had when the previous engine handed it
     * over (a bundle update: the node never stopped being in that state on the wire). MASTER: the addresses are
     * (re)added (they are still there), announcements go on without a new burst, an advert leaves at once and
     * the advert timer runs; BACKUP: a fresh Master_Down timer. No "Entering ... STATE" line, no state change
     * action (so no event, no notify script): one info line says what happened. A tracker that is in fault now
     * takes the resumed instance down as a running one would be (a master then sends priority 0). Any other
     * saved state, or a member of a sync group whose group is not resuming, starts as {@link #start()} does.
     *
     * @return true if the instance resumed, false if it started normally
     */
    public boolean resume(VrrpState saved) {
        if (state != VrrpState.INIT) {
            throw new IllegalStateException(tag + " already started");
        }
        boolean groupOk = group == null || group.state() == saved;
        if ((saved != VrrpState.MASTER && saved != VrrpState.BACKUP) || !groupOk) {
            start();
            return false;
        }
        setEffectivePriority();
        state = saved;
        reported = saved;
        wantState = saved;
        if (saved == VrrpState.MASTER) {
            send(effectivePriority); // first: the gap since the previous engine's last advert ends here
            log(Level.INFO, tag + " Resuming MASTER state after a hand-over (priority " + effectivePriority + ")");
            vipSet = true;
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.ADDRESSES));
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.ROUTES));
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.RULES));
            sink.accept(new VrrpAction.ResumeGarp());
        } else {
            log(Level.INFO, tag + " Resuming BACKUP state after a hand-over");
            msDownTimer = masterDownInterval();
        }
        initSands();
        if (trackers.faultCount() > 0) {
            for (Tracker t : trackers.all()) {
                if (trackers.faulted(t)) {
                    log(Level.INFO, faultMessage(t));
                    faulted = true;
                    downInstance(t);
                    break;
                }
            }
        }
        return true;
    }

    /**
     * Hands the instance over to the next engine (a bundle update): a master sends one last advert now, so that
     * the backups' down timers restart; every timer stops. Nothing else: no priority 0, the addresses stay, no
     * state change. The machine is unusable afterwards.
     *
     * @return the state to save for {@link #resume(VrrpState)}
     */
    public VrrpState handOver() {
        return handOver(true);
    }

    /**
     * {@link #handOver()}, optionally without the last advert (the next engine already advertises: a master that
     * bridged the hand-over until then).
     */
    public VrrpState handOver(boolean lastAdvert) {
        disarm();
        VrrpState saved = state;
        if (state == VrrpState.MASTER && lastAdvert) {
            send(effectivePriority);
        }
        state = VrrpState.STOP;
        reported = VrrpState.STOP;
        return saved;
    }

    /** An advert that passed the receive checks. Ignored in INIT, FAULT and STOP, as keepalived does. */
    public void advertReceived(ReceivedAdvert advert) {
        Objects.requireNonNull(advert, "advert");
        VrrpState prev = state;
        if (state == VrrpState.BACKUP) {
            backupReceived(advert);
            initSands();
        } else if (state == VrrpState.MASTER) {
            if (masterReceived(advert)) {
                leaveMaster(false, "higher priority advert from " + AddressText.of(advert.source()));
            }
            syncAfter(prev);
            if (state != VrrpState.MASTER || !config.lowerPrioNoAdvert()) {
                initSands();
            }
        }
    }

    /** A timer armed through the {@link Scheduler} expired. Stale expiries are ignored. */
    public void timerFired(VrrpTimer timer) {
        if (timer != armed) {
            return;
        }
        armed = null;
        VrrpState prev = state;
        if (state == VrrpState.BACKUP && timer == VrrpTimer.MASTER_DOWN) {
            log(Level.DETAIL, tag + " Receive advertisement timeout");
            gotoMasterFromTimeout();
        } else if (state == VrrpState.MASTER && timer == VrrpTimer.ADVERT) {
            masterTx(nextMasterReason);
            initSands();
        }
        syncAfter(prev);
    }

    /** A boolean tracker (interface, script, process, BFD) changed; {@code up} as the tracked thing reports it. */
    public void trackerChanged(String trackerId, boolean up) {
        trackerValue(trackerId, up ? 1 : 0);
    }

    /** A {@code track_file} now holds {@code value}. */
    public void fileChanged(String trackerId, int value) {
        trackerValue(trackerId, value);
    }

    /** Every {@link Tracker.Kind#INTERFACE} tracker named {@code interfaceName} changed. */
    public void interfaceChanged(String interfaceName, boolean up) {
        for (Tracker t : trackers.all()) {
            if (t.kind() == Tracker.Kind.INTERFACE && t.name().equals(interfaceName)) {
                trackerChanged(t.id(), up);
            }
        }
    }

    /** The address adverts are sent from changed (used for the equal-priority tie-break). */
    public void primaryAddressChanged(InetAddress address) {
        primaryAddress = address;
    }

    // ---------------------------------------------------------------- state for people and tools

    public String name() {
        return config.name();
    }

    public InstanceConfig config() {
        return config;
    }

    public VrrpState state() {
        return state;
    }

    public VrrpState wantState() {
        return wantState;
    }

    public int basePriority() {
        return basePriority;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    /** Master_Adver_Interval: the configured interval, or in VRRPv3 the one learned from the master. */
    public long masterAdvertIntervalMicros() {
        return masterAdverInt;
    }

    /** The down timer in use now (Master_Down_Interval, or Skew_Time after a priority 0 advert). */
    public long masterDownTimerMicros() {
        return msDownTimer;
    }

    /** Master_Down_Interval for the current priority and Master_Adver_Interval. */
    public long masterDownIntervalMicros() {
        return masterDownInterval();
    }

    /** Skew_Time for the current priority and Master_Adver_Interval. */
    public long skewTimeMicros() {
        return TimerMath.skew(config.version(), effectivePriority, masterAdverInt);
    }

    /** The last master heard from, or null. */
    public InetAddress masterAddress() {
        return masterAddress;
    }

    public int masterPriority() {
        return masterPriority;
    }

    public long advertsSent() {
        return advertsSent;
    }

    public long becameMaster() {
        return becomeMaster;
    }

    public long releasedMaster() {
        return releaseMaster;
    }

    public long priorityZeroSent() {
        return priZeroSent;
    }

    public long priorityZeroReceived() {
        return priZeroReceived;
    }

    // ---------------------------------------------------------------- BACKUP

    private void backupReceived(ReceivedAdvert a) {
        int prio = a.priority();
        boolean ignore = false;
        if (prio == 0) {
            priZeroReceived++;
            log(Level.DETAIL, tag + " Backup received priority 0 advertisement");
            msDownTimer = skew();
            nextMasterReason = "priority 0 advert from " + AddressText.of(a.source());
        } else if (config.nopreempt() || prio >= effectivePriority || (config.preemptDelayMicros() > 0
                && (!preemptRunning || preemptTime > scheduler.nowMicros()))) {
            learnAdverInt(a, "master");
            msDownTimer = masterDownInterval();
            masterAddress = a.source();
            masterPriority = prio;
            nextMasterReason = "master down timer expired";
            if (config.preemptDelayMicros() > 0) {
                if (prio >= effectivePriority) {
                    if (preemptRunning) {
                        log(Level.DETAIL, tag + " stop preempt delay");
                        preemptRunning = false;
                    }
                } else if (!preemptRunning) {
                    long d = config.preemptDelayMicros();
                    log(Level.DETAIL, String.format("%s start preempt delay (%d.%06d)", tag, d / 1_000_000,
                            d % 1_000_000));
                    preemptTime = scheduler.nowMicros() + d;
                    preemptRunning = true;
                }
            }
            wantState = VrrpState.BACKUP;
        } else {
            log(Level.INFO, tag + " received lower priority (" + prio + ") advert from "
                    + AddressText.of(a.source()) + " - discarding");
            ignore = true;
            nextMasterReason = "preempting lower priority master " + AddressText.of(a.source());
            masterAddress = a.source();
        }
        if (ignore) {
            msDownTimer = Math.max(0, deadline - scheduler.nowMicros());
        }
    }

    private void gotoMasterFromTimeout() {
        wantState = VrrpState.MASTER;
        gotoMaster(nextMasterReason);
    }

    /** keepalived's {@code vrrp_state_goto_master}. */
    void gotoMaster(String reason) {
        if (group != null && !group.canGoMaster(this)) {
            wantState = VrrpState.MASTER;
            return;
        }
        state = VrrpState.MASTER;
        initSands();
        masterTx(reason);
    }

    // ---------------------------------------------------------------- MASTER

    private void masterTx(String reason) {
        send(effectivePriority);
        if (!vipSet) {
            // keepalived logs "Entering MASTER STATE" before it adds the addresses; here the log lines follow the
            // first gratuitous ARP: a log write costs a fraction of a millisecond that the takeover should not wait
            boolean intervalChanged = config.version() == VrrpVersion.V3 && masterAdverInt != adverInt;
            long previousInterval = masterAdverInt;
            becomeMaster++;
            masterAdverInt = adverInt;
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.ADDRESSES));
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.ROUTES));
            sink.accept(new VrrpAction.AddVirtuals(Virtuals.RULES));
            vipSet = true;
            sink.accept(new VrrpAction.StartGarp());
            log(Level.INFO, tag + " Entering MASTER STATE");
            if (intervalChanged) {
                log(Level.DETAIL, tag + " changing advert interval from " + previousInterval / 1000
                        + "ms to locally configured " + adverInt / 1000 + "ms");
            }
            changed(reason, true);
            nextMasterReason = "master down timer expired";
        }
    }

    /** keepalived's {@code vrrp_state_master_rx}: true to leave MASTER. */
    private boolean masterReceived(ReceivedAdvert a) {
        int prio = a.priority();
        int cmp = AddressText.compare(a.source(), primaryAddress);
        String from = AddressText.of(a.source());
        if (prio == 0 || (config.higherPrioSendAdvert()
                && (prio > effectivePriority || (prio == effectivePriority && cmp > 0)))) {
            send(effectivePriority);
            if (prio == 0) {
                priZeroReceived++;
                log(Level.DETAIL, tag + " Master received priority 0 message");
                return false;
            }
        }
        if (prio == effectivePriority) {
            if (cmp == 0) {
                log(Level.INFO, tag + " WARNING - equal priority advert received from remote host with our IP"
                        + " address.");
            } else if (effectivePriority == InstanceConfig.PRIORITY_OWNER) {
                log(Level.INFO, tag + " CONFIGURATION ERROR: local instance and a remote instance are both"
                        + " configured as address owner, please fix - reducing local priority");
                effectivePriority = InstanceConfig.PRIORITY_OWNER - 1;
                basePriority = InstanceConfig.PRIORITY_OWNER - 1;
            }
        }
        if (prio < effectivePriority || (prio == effectivePriority && cmp < 0)) {
            log(Level.INFO, tag + " Received advert from " + from + " with lower priority " + prio + ", ours "
                    + effectivePriority + (config.lowerPrioNoAdvert() ? "" : ", forcing new election"));
            if (!config.lowerPrioNoAdvert()) {
                send(effectivePriority);
            }
            if (config.garpLowerPrio()) {
                sink.accept(new VrrpAction.LowerPriorityGarp());
            }
            if (group != null) {
                group.lowerPriorityGarp(this);
            }
            sink.accept(new VrrpAction.MasterRxLowerPriority(a.source(), prio));
            return false;
        }
        if (prio > effectivePriority || (prio == effectivePriority && cmp > 0)) {
            if (prio > effectivePriority) {
                log(Level.INFO, tag + " Master received advert from " + from + " with higher priority " + prio
                        + ", ours " + effectivePriority);
            } else {
                log(Level.INFO, tag + " Master received advert from " + from + " with same priority " + prio
                        + " but higher IP address than ours");
            }
            learnAdverInt(a, "new master");
            msDownTimer = masterDownInterval();
            masterPriority = prio;
            masterAddress = a.source();
            wantState = VrrpState.BACKUP;
            state = VrrpState.BACKUP;
            return true;
        }
        return false;
    }

    /** keepalived's {@code vrrp_state_leave_master}; {@code wantState} is BACKUP or FAULT. */
    void leaveMaster(boolean priorityZero, String reason) {
        if (wantState == VrrpState.BACKUP) {
            log(Level.INFO, tag + " Entering BACKUP STATE");
            preemptRunning = false;
        } else if (wantState == VrrpState.FAULT) {
            log(Level.INFO, tag + " Entering FAULT STATE");
            send(0);
        } else {
            throw new IllegalStateException(tag + " leaving MASTER for " + wantState);
        }
        restoreInterface(priorityZero);
        state = wantState;
        changed(reason, true);
        msDownTimer = masterDownInterval();
        initSands();
        releaseMaster++;
    }

    /** keepalived's {@code vrrp_restore_interface}. */
    private void restoreInterface(boolean priorityZero) {
        if (priorityZero) {
            send(0);
            priZeroSent++;
            log(Level.DETAIL, tag + " sent 0 priority");
        }
        sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.RULES));
        sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.ROUTES));
        sink.accept(new VrrpAction.StopGarp());
        if (vipSet) {
            sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.ADDRESSES));
            vipSet = false;
        }
    }

    private void removeVirtuals() {
        sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.RULES));
        sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.ROUTES));
        sink.accept(new VrrpAction.RemoveVirtuals(Virtuals.ADDRESSES));
    }

    // ---------------------------------------------------------------- FAULT

    private void trackerValue(String id, int value) {
        Tracker t = trackers.get(id);
        boolean wasInit = trackers.initCount() > 0;
        boolean trackerWasFaulted = trackers.faulted(t);
        if (!trackers.set(id, value)) {
            return;
        }
        if (t.kind() == Tracker.Kind.FILE && trackers.faulted(t) != trackerWasFaulted
                && state != VrrpState.INIT && state != VrrpState.STOP) {
            log(Level.DETAIL, tag + ": tracked file " + t.name() + (trackerWasFaulted ? " leaving" : " now")
                    + " FAULT state");
        }
        setEffectivePriority();
        if (state == VrrpState.INIT || state == VrrpState.STOP) {
            return;
        }
        boolean nowFaulted = trackers.faultCount() > 0;
        boolean nowInit = trackers.initCount() > 0;
        if (nowFaulted && !faulted) {
            faulted = true;
            downInstance(t);
        } else if (!nowFaulted && faulted) {
            faulted = false;
            if (nowInit) {
                wantState = VrrpState.BACKUP;
            } else {
                tryUp(false);
            }
        } else if (!nowFaulted && wasInit && !nowInit) {
            tryUp(true); // the last weight-0 script had its first result
        }
    }

    /** keepalived's {@code down_instance}. */
    private void downInstance(Tracker cause) {
        String reason = describe(cause);
        wantState = VrrpState.FAULT;
        if (state == VrrpState.MASTER) {
            leaveMaster(true, reason);
        } else {
            leaveFault(reason);
        }
        if (group != null) {
            group.memberFaulted(this);
        }
    }

    /** keepalived's {@code try_up_instance}. */
    private void tryUp(boolean leavingInit) {
        if (!(wantState == VrrpState.MASTER && config.owner())) {
            wantState = VrrpState.BACKUP;
        }
        masterAdverInt = adverInt;
        msDownTimer = wantState == VrrpState.MASTER ? masterAdverInt + skew() : masterDownInterval();
        if (group != null && !group.memberRecovered(this, leavingInit)) {
            return;
        }
        VrrpState want = wantState;
        if (group != null && wantState == VrrpState.MASTER && !group.canGoMaster(this)) {
            wantState = VrrpState.BACKUP;
        }
        leaveFault("trackers up");
        initSands();
        wantState = want;
        if (group != null) {
            if (state == VrrpState.MASTER) {
                group.syncMaster(this);
            } else {
                group.syncBackup(this);
            }
        }
    }

    /** keepalived's {@code vrrp_state_leave_fault}: enter {@code wantState} from FAULT, INIT or BACKUP. */
    void leaveFault(String reason) {
        if (wantState == VrrpState.MASTER) {
            gotoMaster(reason);
        } else {
            if (state != wantState) {
                log(Level.INFO, tag + " Entering " + wantState + " STATE");
            }
            if (wantState == VrrpState.FAULT && state == VrrpState.MASTER) {
                send(0);
                restoreInterface(false);
            }
            state = wantState;
            changed(reason, true);
            if (state == VrrpState.BACKUP) {
                preemptRunning = false;
            }
        }
        masterAdverInt = adverInt;
        msDownTimer = masterDownInterval();
        initSands();
    }

    /** keepalived's {@code vrrp_set_effective_priority}. */
    private void setEffectivePriority() {
        if (basePriority == InstanceConfig.PRIORITY_OWNER) {
            return;
        }
        int total = config.priority() + trackers.weightSum();
        int p = Math.max(1, Math.min(InstanceConfig.PRIORITY_OWNER - 1, total));
        if (p == effectivePriority) {
            return;
        }
        log(Level.INFO, tag + " Changing effective priority from " + effectivePriority + " to " + p);
        int old = effectivePriority;
        effectivePriority = p;
        long oldDown = msDownTimer;
        msDownTimer = masterDownInterval();
        if (state == VrrpState.BACKUP && armed == VrrpTimer.MASTER_DOWN) {
            long newDeadline = deadline + (msDownTimer - oldDown);
            arm(VrrpTimer.MASTER_DOWN, Math.max(0, newDeadline - scheduler.nowMicros()));
        }
        sink.accept(new VrrpAction.PriorityChanged(old, p));
    }

    // ---------------------------------------------------------------- helpers used by SyncGroup

    void setWantState(VrrpState s) {
        wantState = s;
    }

    /** Forces the state without the usual actions (keepalived's "bit of a bodge" in {@code vrrp_sync_fault}). */
    void forceState(VrrpState s) {
        state = s;
    }

    /** Restarts the full Master_Down_Interval (a sync group is not ready to become MASTER). */
    void restartDownTimer() {
        msDownTimer = masterDownInterval();
        initSands();
    }

    boolean initPending() {
        return trackers.initCount() > 0;
    }

    boolean ownFaultAtStart() {
        return trackers.faultCount() > 0;
    }

    boolean garpLowerPrio() {
        return config.garpLowerPrio();
    }

    ActionSink sink() {
        return sink;
    }

    void syncAfter(VrrpState prev) {
        if (group == null) {
            return;
        }
        if (state == VrrpState.MASTER && prev != VrrpState.INIT) {
            group.syncMaster(this);
        } else if (prev == VrrpState.MASTER && state == VrrpState.BACKUP) {
            group.syncBackup(this);
        }
    }

    // ---------------------------------------------------------------- internals

    private void learnAdverInt(ReceivedAdvert a, String who) {
        if (config.version() != VrrpVersion.V3) {
            return;
        }
        long learned = a.advertIntervalMicros();
        if (learned != masterAdverInt && learned > 0) {
            log(Level.DETAIL, tag + " advertisement interval updated from " + masterAdverInt / 1000 + "ms to "
                    + learned / 1000 + "ms by " + who);
            masterAdverInt = learned;
        }
    }

    private long skew() {
        return TimerMath.skew(config.version(), effectivePriority, masterAdverInt);
    }

    private long masterDownInterval() {
        return TimerMath.masterDown(config.version(), config.downTimerAdverts(), effectivePriority, masterAdverInt);
    }

    /** keepalived's {@code vrrp_init_instance_sands}. */
    private void initSands() {
        if (state == VrrpState.MASTER) {
            arm(VrrpTimer.ADVERT, adverInt);
        } else if (state == VrrpState.BACKUP) {
            arm(VrrpTimer.MASTER_DOWN, msDownTimer);
        } else {
            disarm();
        }
    }

    private void arm(VrrpTimer timer, long delay) {
        if (armed != null && armed != timer) {
            scheduler.cancel(armed);
        }
        armed = timer;
        deadline = scheduler.nowMicros() + delay;
        scheduler.schedule(timer, delay);
    }

    private void disarm() {
        if (armed != null) {
            scheduler.cancel(armed);
            armed = null;
        }
    }

    private void send(int priority) {
        sink.accept(new VrrpAction.SendAdvert(priority));
        advertsSent++;
    }

    private void changed(String reason, boolean notify) {
        if (reported != state) {
            sink.accept(new VrrpAction.StateChanged(reported, state, reason, notify));
            reported = state;
        }
    }

    private void log(Level level, String message) {
        sink.accept(new VrrpAction.Log(level, message));
    }

    private String faultMessage(Tracker t) {
        return switch (t.kind()) {
            case INTERFACE -> tag + ": entering FAULT state (interface " + t.name() + " down)";
            case SCRIPT -> tag + ": entering FAULT state due to script " + t.name();
            case FILE -> tag + ": entering FAULT state (tracked file " + t.name() + " has status "
                    + (t.weight() == 0 ? -254 : trackers.value(t) * t.weight() * (t.reverse() ? -1 : 1)) + ")";
            case PROCESS -> tag + " entering FAULT state (tracked process " + t.name() + " quorum not achieved)";
            case BFD -> tag + ": entering FAULT state (bfd " + t.name() + " down)";
        };
    }

    private static String describe(Tracker t) {
        return switch (t.kind()) {
            case INTERFACE -> "interface " + t.name() + " down";
            case SCRIPT -> "script " + t.name() + " failed";
            case FILE -> "tracked file " + t.name() + " in fault";
            case PROCESS -> "tracked process " + t.name() + " quorum lost";
            case BFD -> "bfd " + t.name() + " down";
        };
    }

    @Override
    public String toString() {
        return tag + " " + state + " prio " + effectivePriority;
    }
}
