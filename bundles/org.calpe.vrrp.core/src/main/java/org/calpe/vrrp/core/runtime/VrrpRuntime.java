package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.calpe.net.api.MacAddress;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpTopics;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.calpe.vrrp.core.fsm.SyncGroup;
import org.calpe.vrrp.core.fsm.VrrpAction;
import org.calpe.vrrp.core.garp.Announcement;
import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.garp.GarpPacing;
import org.calpe.vrrp.core.notify.FifoSink;
import org.calpe.vrrp.core.notify.FifoWriter;
import org.calpe.vrrp.core.notify.GroupNotifyScripts;
import org.calpe.vrrp.core.notify.NotifyFifos;
import org.calpe.vrrp.core.notify.NotifyFifoConfig;
import org.calpe.vrrp.core.notify.SwitchingFifoSink;
import org.calpe.vrrp.core.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

/**
 * Runs the VRRP instances of one network namespace on one event loop thread (keepalived's model: one thread, no
 * locks). Fed with Config Admin properties: {@link #update} for a new or changed {@code org.calpe.vrrp.Instance}
 * configuration, {@link #delete} when it is gone, {@link #updateScript} / {@link #deleteScript} for
 * {@code org.calpe.vrrp.Script} ({@code vrrp_script}), {@link #updateGroup} / {@link #deleteGroup} for
 * {@code org.calpe.vrrp.SyncGroup} ({@code vrrp_sync_group}), {@link #updateGlobal} for {@code org.calpe.Global}.
 * After every change the whole set is resolved again ({@link Desired}): an instance whose {@link RunKey} (spec,
 * trackers, sync group) is unchanged is left alone; a change that keeps the instance (same name, VRID,
 * interface, family, version and authentication, no sync group: {@link HandOver#sameInstance}) is applied in
 * place, keeping its state as keepalived does; any other change stops the old instance (priority 0 if MASTER)
 * and starts the new one; a sync group restarts as a whole when any member's key changes. Tracked interfaces
 * and scripts are fed by {@link Tracking}.
 * <p>
 * A bundle update hands the instances over to the next runtime instead of stopping them ({@link #handOver},
 * {@link #offer}): see {@link HandOver}.
 * <p>
 * Every method may be called from any thread; the work happens on the loop and the returned future completes
 * when it is done.
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final EventExecutor loop;
    private final RuntimeContext ctx;
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> scriptConfigurations = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> groupConfigurations = new LinkedHashMap<>();
    private final Map<String, InstanceRunner> running = new LinkedHashMap<>();
    private final Map<String, RunKey> started = new HashMap<>();
    private final Map<String, GroupRun> groupRuns = new LinkedHashMap<>();
    private final Tracking tracking;
    private final GarpPacingSettings.Applier garpPacing = new GarpPacingSettings.Applier();
    /** Instances waiting for their interface or its address (issue 3: keepalived's dynamic_interfaces). */
    private final WaitingStarts waiting;
    /** Config Admin's burst of updates becomes one reconcile, so its instances start together. */
    private final ReconcileBatcher batcher;
    private final StartBatch startBatch;
    static final long CONFIG_QUIET_NANOS = 20_000_000L;
    static final long CONFIG_MAX_NANOS = 500_000_000L;
    private Map<String, Object> global = Map.of();
    private final SwitchingFifoSink fifoSink = new SwitchingFifoSink();
    private List<NotifyFifoConfig> fifoConfigs = List.of();
    private NotifyFifos fifos;
    private final Resumption resumption = new Resumption();
    /**
     * Instances (and sync groups) of a previous engine's hand-over, prepared and waiting to resume together: the
     * hand-over is claimed (and the previous engine stops bridging) only once all are ready, so that none of its
     * masters is left silent while the next one's configuration is still being applied.
     */
    private final List<Runnable> resumes = new ArrayList<>();
    /** The runners in {@link #resumes}: prepared, not started. */
    private final Set<InstanceRunner> awaiting = new HashSet<>();
    private boolean gatherScheduled;
    /** Longest wait for the rest of a hand-over's instances by default (see {@link #offer}). */
    static final long DEFAULT_GATHER_MILLIS = 1_000;
    /** Set on the loop once this runtime has handed over: later configuration changes start nothing. */
    private boolean handedOver;

    VrrpRuntime(RuntimeServices services, ThreadFactory threads) {
        this.loop = new DefaultEventExecutor(threads);
        Map<Integer, MacAddress> macs = new HashMap<>();
        Afterwards afterwards = new Afterwards(loop);
        AnnouncementScheduler announcements = new AnnouncementScheduler(new LoopClock(loop, afterwards),
                a -> announce(services, macs, a), GarpPacing.none());
        this.ctx = new RuntimeContext(loop, services, announcements, new Notifier(services.scripts(), fifoSink),
                macs, this::claimed, new TakeoverWarmup(), new SharedVrrpSockets(services.transport(), loop),
                afterwards);
        this.tracking = new Tracking(ctx, running::values);
        this.waiting = new WaitingStarts(ctx, this::reconcile);
        this.batcher = new ReconcileBatcher(loop, this::reconcile, CONFIG_QUIET_NANOS, CONFIG_MAX_NANOS);
        this.startBatch = new StartBatch(loop, r -> running.containsValue(r), this::forget);
        tracking.onLinkRemoved(this::linkRemoved);
    }

    /**
     * Sets the cold start hold ({@link StartBatch}): at a start without a hand-over, the instances configured
     * {@code state BACKUP} start {@code millis} after the first ones, so that a peer started at the same moment
     * becomes MASTER first. Call before the first configuration; 0 (the default) for none.
     */
    public Future<?> coldStartHold(long millis) {
        return loop.submit(() -> startBatch.holdColdStart(millis));
    }

    /**
     * This runtime continues a previous engine's (a hand-over is about to be offered): its first global
     * configuration is treated as keepalived treats a reload ({@code init_file ... overwrite} keeps files).
     * Call before the first {@link #updateGlobal}.
     */
    public void continuing() {
        tracking.continuing();
    }

    /** The {@code org.calpe.Global} properties changed: instances whose resolved spec changes are restarted. */
    public Future<?> updateGlobal(Map<String, ?> properties) {
        Map<String, Object> copy = properties == null ? Map.of() : new HashMap<>(properties);
        List<String> problems = new ArrayList<>();
        tracking.defineFiles(TrackFileSpec.all(new Props(copy), problems).values()); // file I/O: not on the loop
        problems.forEach(p -> LOG.error("{}", p));
        return loop.submit(() -> {
            global = copy;
            reconcile();
        });
    }

    /**
     * Opens the notify FIFOs of {@code global} ({@code notify_fifo}, {@code vrrp_notify_fifo}) unless they are
     * the ones open already; {@code resumed}: this engine took over from its previous revision, whose FIFO
     * scripts still read the FIFOs it left in place.
     */
    public Future<?> notifyFifos(Map<String, ?> properties, boolean resumed) {
        List<NotifyFifoConfig> wanted = NotifyFifoSettings.of(new Props(properties == null ? Map.of() : properties));
        return loop.submit(() -> {
            if (handedOver || wanted.equals(fifoConfigs)) {
                return;
            }
            closeFifos(false);
            fifoConfigs = wanted;
            if (wanted.isEmpty()) {
                return;
            }
            NotifyFifos opened = NotifyFifos.open(wanted, ctx.services().scripts(), ctx.services().pipes()::create,
                    r -> {
                        Thread t = new Thread(r, "calpe-vrrp-fifo");
                        t.setDaemon(true);
                        return t;
                    }, FifoWriter.DEFAULT_CAPACITY, resumed);
            opened.problems().forEach(p -> LOG.error("{}", p));
            fifos = opened;
            fifoSink.target(opened);
        });
    }

    /** On the loop: stops writing to the FIFOs; {@code detach}: leave them and their scripts to the next engine. */
    private void closeFifos(boolean detach) {
        fifoSink.target(FifoSink.NONE);
        if (fifos != null) {
            if (detach) {
                fifos.detach();
            } else {
                fifos.close();
            }
            fifos = null;
        }
    }

    /** A configuration of {@code org.calpe.vrrp.Instance} was created or changed. */
    public Future<?> update(String pid, Map<String, ?> properties) {
        return put(configurations, pid, properties);
    }

    /** A configuration of {@code org.calpe.vrrp.Instance} was deleted: its instance stops. */
    public Future<?> delete(String pid) {
        return remove(configurations, pid);
    }

    /** A configuration of {@code org.calpe.vrrp.Script} ({@code vrrp_script}) was created or changed. */
    public Future<?> updateScript(String pid, Map<String, ?> properties) {
        return put(scriptConfigurations, pid, properties);
    }

    /** A configuration of {@code org.calpe.vrrp.Script} was deleted. */
    public Future<?> deleteScript(String pid) {
        return remove(scriptConfigurations, pid);
    }

    /** A configuration of {@code org.calpe.vrrp.SyncGroup} ({@code vrrp_sync_group}) was created or changed. */
    public Future<?> updateGroup(String pid, Map<String, ?> properties) {
        return put(groupConfigurations, pid, properties);
    }

    /** A configuration of {@code org.calpe.vrrp.SyncGroup} was deleted: its members run on their own. */
    public Future<?> deleteGroup(String pid) {
        return remove(groupConfigurations, pid);
    }

    private Future<?> put(Map<String, Map<String, Object>> target, String pid, Map<String, ?> properties) {
        Objects.requireNonNull(pid, "pid");
        Map<String, Object> copy = new HashMap<>(properties);
        return batcher.submit(() -> target.put(pid, copy));
    }

    private Future<?> remove(Map<String, Map<String, Object>> target, String pid) {
        return batcher.submit(() -> target.remove(pid));
    }

    /** An authenticator service came: masters that could not sign their last advert send it now. */
    public void authenticatorsChanged() {
        try {
            loop.execute(() -> running.values().forEach(InstanceRunner::authenticatorsChanged));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Snapshots of every instance, in the order their configurations arrived. */
    public List<InstanceStatus> instances() {
        if (loop.inEventLoop()) {
            return snapshot();
        }
        return await(loop.submit((Callable<List<InstanceStatus>>) this::snapshot), List.of());
    }

    /**
     * Datagrams the runtime's VRRP sockets dropped because no instance has their VRID on that interface and family
     * (keepalived's "Unknown VRID"; counted once per socket, not per instance).
     */
    long unknownVridDatagrams() {
        return ctx.sockets().unknownVridDatagrams();
    }

    /** Snapshots of every running sync group. */
    public List<GroupStatus> groups() {
        if (loop.inEventLoop()) {
            return groupSnapshot();
        }
        return await(loop.submit((Callable<List<GroupStatus>>) this::groupSnapshot), List.of());
    }

    private List<GroupStatus> groupSnapshot() {
        return groupRuns.values().stream().map(GroupRun::status).toList();
    }

    private List<InstanceStatus> snapshot() {
        List<InstanceStatus> out = new ArrayList<>();
        for (String pid : configurations.keySet()) {
            InstanceRunner r = running.get(pid);
            if (r != null) {
                out.add(r.status());
            } else {
                waiting.status(pid).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Brings the running instances, groups and scripts in line with the configurations. */
    private void reconcile() {
        if (handedOver) {
            return;
        }
        garpPacing.apply(global, ctx, LOG::warn); // vrrp_garp_interval, vrrp_gna_interval, garp_group
        Desired d = Desired.resolve(configurations, scriptConfigurations, groupConfigurations, global,
                tracking.usableFiles());
        waiting.retain(d.keys().keySet());
        if (!d.keys().isEmpty()) {
            tracking.watchLinks(); // before the instances read their interfaces' state
        }
        // groups whose members' keys changed stop as a whole (a SyncGroup is built from unstarted members)
        for (GroupRun g : new ArrayList<>(groupRuns.values())) {
            if (!g.keys.equals(d.groupKeys(g.spec.name()))) {
                stopGroup(g);
            }
        }
        for (String pid : new ArrayList<>(running.keySet())) {
            if (!inGroupRun(pid) && !Objects.equals(d.keys().get(pid), started.get(pid))) {
                RunKey next = d.keys().get(pid);
                if (next != null && HandOver.sameInstance(started.get(pid), next)) {
                    reloadInPlace(pid, next);
                } else {
                    stopRunning(pid);
                }
            }
        }
        tracking.scripts(d.scripts());
        for (Map.Entry<String, RunKey> e : d.keys().entrySet()) {
            if (e.getValue().group() == null && !running.containsKey(e.getKey())) {
                startAlone(e.getKey(), e.getValue());
            }
        }
        for (SyncGroupSpec g : d.groups()) {
            if (!groupRuns.containsKey(g.name())) {
                startGroup(g, d.groupKeys(g.name()));
            }
        }
        resumeWhenGathered();
        startBatch.startAll(); // all timers from one moment, every socket already open
    }

    /**
     * Resumes the prepared instances of a hand-over once all are prepared (or the gathering time is over, then
     * those prepared so far; the others start anew): one claim, then every resume in one go, and only after
     * them the takeover paths are made ready, in slices.
     */
    private void resumeWhenGathered() {
        if (resumes.isEmpty()) {
            return;
        }
        if (!resumption.gathered()) {
            if (!gatherScheduled) {
                gatherScheduled = true;
                loop.schedule(() -> {
                    gatherScheduled = false;
                    if (!handedOver) {
                        resumeWhenGathered();
                        startBatch.startAll();
                    }
                }, Math.max(1, resumption.gatherLeftNanos()), TimeUnit.NANOSECONDS);
            }
            return;
        }
        runResumes();
        running.values().forEach(InstanceRunner::warmUpSliced); // the resumed ones: the others are warm
    }

    /** Claims the hand-over and resumes (or starts anew) every prepared instance waiting for it. */
    private void runResumes() {
        List<Runnable> now = new ArrayList<>(resumes);
        resumes.clear();
        awaiting.clear();
        now.forEach(Runnable::run);
    }

    private boolean inGroupRun(String pid) {
        for (GroupRun g : groupRuns.values()) {
            if (g.keys.containsKey(pid)) {
                return true;
            }
        }
        return false;
    }

    private void startAlone(String pid, RunKey key) {
        if (!waiting.ready(pid, key)) {
            return; // FAULT until its interface and address exist; a link or address change retries
        }
        InstanceRunner r = new InstanceRunner(key.spec(), ctx, key.trackers());
        try {
            boolean resuming = resumption.expects(pid, key);
            r.prepare(!resuming);
            tracking.prime(r);
            if (resuming) {
                resumption.prepared(pid);
                awaiting.add(r);
                resumes.add(() -> resumeAlone(pid, key, r));
            } else {
                startBatch.add(r);
            }
            running.put(pid, r);
            started.put(pid, key);
        } catch (IOException | RuntimeException e) {
            LOG.error("({}) cannot start: {}", key.spec().name(), e.getMessage());
            r.stop();
        }
    }

    /** A prepared instance of the hand-over resumes in its saved state, or starts anew if it cannot. */
    private void resumeAlone(String pid, RunKey key, InstanceRunner r) {
        if (running.get(pid) != r) {
            return; // stopped or replaced meanwhile
        }
        try {
            HandOver.Saved saved = resumption.take(pid, key);
            if (saved == null) {
                r.warmUp();
                startBatch.add(r);
            } else {
                r.resume(saved);
            }
        } catch (RuntimeException e) {
            LOG.error("({}) cannot resume: {}", key.spec().name(), e.getMessage());
            forget(r);
            r.stop();
        }
    }

    private void startGroup(SyncGroupSpec spec, Map<String, RunKey> keys) {
        if (!waiting.allReady(keys)) {
            return; // the whole group waits for its members' interfaces
        }
        GroupRun run = new GroupRun(spec, keys);
        groupRuns.put(spec.name(), run);
        boolean resuming = resumption.expectsGroup(spec.name());
        for (Map.Entry<String, RunKey> e : keys.entrySet()) {
            resuming |= resumption.expects(e.getKey(), e.getValue());
        }
        List<InstanceRunner> members = new ArrayList<>();
        Map<String, InstanceRunner> byPid = new LinkedHashMap<>();
        for (Map.Entry<String, RunKey> e : keys.entrySet()) {
            started.put(e.getKey(), e.getValue());
        }
        for (String name : spec.members()) {
            for (Map.Entry<String, RunKey> e : keys.entrySet()) {
                if (!e.getValue().spec().name().equals(name)) {
                    continue;
                }
                InstanceRunner r = new InstanceRunner(e.getValue().spec(), ctx, e.getValue().trackers());
                try {
                    r.prepare(!resuming);
                    tracking.prime(r);
                    members.add(r);
                    byPid.put(e.getKey(), r);
                } catch (IOException | RuntimeException ex) {
                    LOG.error("({}) cannot start: {}", name, ex.getMessage());
                    r.stop();
                }
            }
        }
        if (members.isEmpty()) {
            return;
        }
        try {
            run.group = new SyncGroup(spec.name(), members.stream().map(InstanceRunner::fsm).toList(),
                    a -> groupAction(run, a));
        } catch (RuntimeException e) {
            LOG.error("VRRP_Group({}) cannot start: {}", spec.name(), e.getMessage());
            members.forEach(InstanceRunner::stop);
            return;
        }
        members.forEach(m -> m.joinGroup(members));
        running.putAll(byPid);
        if (resuming) {
            resumption.preparedGroup(spec.name());
            byPid.keySet().forEach(resumption::prepared);
            awaiting.addAll(members);
            resumes.add(() -> {
                if (groupRuns.get(spec.name()) == run) {
                    resumeGroup(run, spec, members, byPid, keys, true);
                }
            });
            return;
        }
        resumeGroup(run, spec, members, byPid, keys, false);
    }

    /**
     * Starts a prepared sync group, in its saved state if the hand-over has one for it and every member.
     *
     * @param cold whether the members' takeover paths are still to be made ready
     */
    private void resumeGroup(GroupRun run, SyncGroupSpec spec, List<InstanceRunner> members,
            Map<String, InstanceRunner> byPid, Map<String, RunKey> keys, boolean cold) {
        VrrpState savedGroup = resumption.takeGroup(spec.name());
        List<VrrpState> memberStates = new ArrayList<>();
        for (Map.Entry<String, InstanceRunner> e : byPid.entrySet()) {
            HandOver.Saved saved = resumption.take(e.getKey(), keys.get(e.getKey()));
            if (saved != null) {
                e.getValue().restoreSequence(saved.sequence());
                memberStates.add(saved.state());
            }
        }
        if (savedGroup != null && memberStates.size() == members.size()
                && run.group.resume(savedGroup, memberStates)) {
            run.state = savedGroup;
            members.get(0).drainResumed();
        } else {
            if (savedGroup != null) {
                LOG.info("VRRP_Group({}) not resumed after the hand-over: members or states differ", spec.name());
            }
            if (cold) {
                members.forEach(InstanceRunner::warmUp);
            }
            run.group.start();
            members.get(0).drain();
        }
    }

    private void groupAction(GroupRun run, VrrpAction a) {
        if (a instanceof VrrpAction.GroupStateChanged c) {
            run.state = c.to();
            run.lastTransition = Instant.now();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(VrrpTopics.PROP_TIMESTAMP, System.currentTimeMillis());
            p.put(VrrpTopics.PROP_GROUP, c.group());
            p.put(VrrpTopics.PROP_STATE, c.to().name());
            p.put(VrrpTopics.PROP_PREVIOUS_STATE, c.from().name());
            GroupNotifyScripts scripts = run.spec.notifyScripts();
            ctx.afterwards().add(() -> {
                ctx.services().events().post(VrrpTopics.GROUP_STATE_CHANGED, p);
                if (c.to() != VrrpState.INIT) {
                    ctx.notifier().groupChanged(c.group(), scripts, c.to());
                }
            });
        } else if (a instanceof VrrpAction.Log l) {
            ctx.afterwards().add(() -> LOG.info(l.message()));
        }
    }

    private void stopGroup(GroupRun g) {
        groupRuns.remove(g.spec.name());
        if (g.group != null) {
            g.group.stop();
        }
        for (String pid : g.keys.keySet()) {
            started.remove(pid);
            InstanceRunner r = running.remove(pid);
            if (r != null) {
                r.stop();
            }
        }
    }

    /**
     * A reload changed an instance that keeps its name, VRID, interface, family, version and authentication
     * (keepalived keeps the state of such an instance): the old runner hands over to the new one in this
     * engine, so a MASTER stays MASTER without a priority 0 advert, keeps the addresses still configured, adds
     * new ones and releases the ones no longer configured.
     */
    private void reloadInPlace(String pid, RunKey next) {
        InstanceRunner old = running.remove(pid);
        RunKey before = started.remove(pid);
        HandOver.Saved saved = old.handOver(HandOver.identity(before.spec(), before.group()), 0);
        boolean master = saved != null && saved.state() == VrrpState.MASTER;
        InstanceRunner r = new InstanceRunner(next.spec(), ctx, next.trackers());
        try {
            r.prepare();
            tracking.prime(r);
            if (master) {
                // first: deleting a subnet's primary address takes its secondaries along; resume adds them back
                old.releaseRoutesExcept(r.virtualRoutesAndRules());
                old.releaseAddressesExcept(r.virtualAddresses());
            }
            // a VMAC the changed instance no longer uses (use_vmac dropped or renamed) goes now, not never
            old.releaseVmacUnlessUsedBy(r);
            if (saved == null) {
                r.begin();
            } else {
                r.resume(saved);
            }
            running.put(pid, r);
            started.put(pid, next);
            LOG.info("({}) configuration changed: applied in place{}", next.spec().name(),
                    saved == null ? "" : ", " + saved.state() + " state kept");
        } catch (IOException | RuntimeException e) {
            LOG.error("({}) cannot start: {}", next.spec().name(), e.getMessage());
            r.stop();
            if (master) {
                old.releaseRoutesExcept(List.of());
                old.releaseAddressesExcept(List.of());
            }
        }
    }

    /**
     * An interface disappeared: the instances running on it (not in a sync group) stop quietly, as a hand-over
     * does (their trackers have put them in FAULT already), and wait until it is back; a recreated interface is
     * a new link (new index), so they then start anew on it, as keepalived with {@code dynamic_interfaces} does.
     */
    private void linkRemoved(String name) {
        for (String pid : new ArrayList<>(running.keySet())) {
            RunKey key = started.get(pid);
            if (key == null || inGroupRun(pid) || !key.spec().interfaceName().equals(name)) {
                continue;
            }
            InstanceRunner r = running.remove(pid);
            started.remove(pid);
            r.handOver(HandOver.identity(key.spec(), key.group()), 0);
            waiting.park(pid, key);
        }
    }

    /** A runner that could not start after all (see {@link StartBatch}): the next reconcile tries again. */
    private void forget(InstanceRunner r) {
        running.entrySet().stream().filter(e -> e.getValue() == r).map(Map.Entry::getKey).findFirst()
                .ifPresent(pid -> {
                    running.remove(pid);
                    started.remove(pid);
                });
    }

    private void stopRunning(String pid) {
        started.remove(pid);
        InstanceRunner r = running.remove(pid);
        if (r != null) {
            r.stop();
        }
    }

    private static void announce(RuntimeServices services, Map<Integer, MacAddress> macs, Announcement a) {
        MacAddress mac = macs.get(a.ifindex());
        if (mac == null) {
            return;
        }
        try {
            if (a.address() instanceof Inet4Address v4) {
                services.announcer().gratuitousArp(services.namespace(), a.ifindex(), mac, v4);
            } else if (a.address() instanceof Inet6Address v6) {
                services.announcer().unsolicitedNeighbourAdvert(services.namespace(), a.ifindex(), mac, v6, false);
            }
        } catch (IOException e) {
            LOG.warn("({}) cannot announce {}: {}", a.instance(), a.address().getHostAddress(), e.getMessage());
        }
    }

    private boolean claimed(InstanceRunner asking, int vrid) {
        for (InstanceRunner r : running.values()) {
            if (r != asking && r.owns(asking.spec().interfaceName(), asking.spec().family(), vrid)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Offers a previous engine's hand-over: instances (and sync groups) configured within {@code windowMillis}
     * from now whose identity matches resume in their saved state instead of starting anew. Before the first
     * one resumes, the hand-over is claimed through {@code link} (the old engine then stops bridging); if the
     * old engine abandoned it meanwhile, everything starts anew.
     */
    public Future<?> offer(HandOver handOver, long windowMillis, HandOverLink link) {
        return offer(handOver, windowMillis, Math.min(windowMillis / 2, DEFAULT_GATHER_MILLIS), link);
    }

    /**
     * {@link #offer(HandOver, long, HandOverLink)}; the instances resume together once all of the hand-over's
     * are configured and prepared, or {@code gatherMillis} from now with those prepared by then (the others
     * start anew). Keep it well inside the previous engine's bridge time.
     */
    public Future<?> offer(HandOver handOver, long windowMillis, long gatherMillis, HandOverLink link) {
        long now = System.nanoTime();
        long until = now + windowMillis * 1_000_000L;
        long gatherUntil = now + Math.min(gatherMillis, windowMillis) * 1_000_000L;
        return loop.submit(() -> {
            startBatch.noColdStart();
            batcher.noDelay(); // the old engine's masters bridge until they are resumed: no waiting for a burst
            resumption.offer(handOver, until, gatherUntil, link);
        });
    }

    /**
     * Hands every instance over to the next engine: sockets close, addresses stay, nothing is notified (see
     * {@link InstanceRunner#handOver}). With {@code bridgeMillis > 0} the masters go on advertising (and do
     * nothing else) until {@code link} says the next engine has resumed them; then the loop ends. If that does
     * not happen within {@code bridgeMillis} (a transient stop, an update that does not resolve, an instance
     * deleted meanwhile) the hand-over is abandoned and the masters stop as a real stop does (priority 0,
     * addresses released). Without a bridge each master sends one last advert and the loop ends now.
     *
     * @param link tells whether the next engine took over hand-over {@link HandOver#nanoTime()}
     * @return what the next engine needs, or null if the loop did not answer (then nothing was handed over)
     */
    public HandOver handOver(long bridgeMillis, HandOverLink link) {
        record Given(HandOver handOver, boolean bridging) {
        }
        Given given = null;
        if (!loop.isShuttingDown()) {
            given = await(loop.submit(() -> {
                handedOver = true; // from now on no configuration starts anything in this runtime
                HandOver passOn = awaiting.containsAll(running.values()) ? resumption.unclaimed() : null;
                if (passOn == null && !resumes.isEmpty()) {
                    runResumes(); // claimed and resumed now: they are handed on below
                    startBatch.startAll();
                }
                if (passOn != null) {
                    running.values().forEach(InstanceRunner::discard); // prepared only: never started
                    running.clear();
                    started.clear();
                    groupRuns.clear();
                    resumes.clear();
                    awaiting.clear();
                    LOG.info("VRRP hand-over: stopped before resuming anything; the previous engine's hand-over"
                            + " ({} instance(s)) is passed on unchanged", passOn.instances().size());
                    tracking.close();
                    waiting.close();
                    ctx.afterwards().flush();
                    closeFifos(true);
                    return new Given(passOn, false);
                }
                long id = System.nanoTime();
                Map<String, VrrpState> groups = new LinkedHashMap<>();
                for (GroupRun g : groupRuns.values()) {
                    groups.put(g.spec.name(), g.group != null ? g.group.state() : g.state);
                }
                Map<String, HandOver.Saved> saved = new LinkedHashMap<>();
                List<InstanceRunner> bridges = new ArrayList<>();
                for (Map.Entry<String, InstanceRunner> e : running.entrySet()) {
                    RunKey key = started.get(e.getKey());
                    HandOver.Saved s = e.getValue().handOver(HandOver.identity(key.spec(), key.group()),
                            bridgeMillis * 1000L);
                    if (s != null) {
                        saved.put(e.getKey(), s);
                    }
                    if (e.getValue().bridging()) {
                        bridges.add(e.getValue());
                    }
                }
                running.clear();
                started.clear();
                groupRuns.clear();
                tracking.close();
                waiting.close();
                ctx.afterwards().flush(); // what the instances reported, before the FIFOs are detached
                ctx.services().prompt().withdrawAll();
                closeFifos(true); // the FIFOs and their scripts stay for the next engine
                if (!bridges.isEmpty()) {
                    new HandOverBridge(loop, bridges, link, id, id + bridgeMillis * 1_000_000L).start();
                }
                return new Given(new HandOver(HandOver.JvmIdentity.current(), System.currentTimeMillis(), id,
                        saved, groups), !bridges.isEmpty());
            }), null);
        }
        if (given == null || !given.bridging()) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        return given == null ? null : given.handOver();
    }

    /** Stops every instance (a master sends priority 0 and releases its addresses) and ends the loop. */
    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            await(loop.submit(() -> {
                for (GroupRun g : new ArrayList<>(groupRuns.values())) {
                    stopGroup(g);
                }
                for (InstanceRunner r : running.values()) {
                    r.stop();
                }
                running.clear();
                started.clear();
                tracking.close();
                waiting.stopAll();
                waiting.close();
                ctx.afterwards().flush();
                ctx.services().prompt().withdrawAll();
                closeFifos(false); // after the STOP lines
            }), null);
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> f, T fallback) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("VRRP event loop did not answer: {}", e.toString());
            return fallback;
        }
    }

    /** The runtime's loop (for tests that must stall it). */
    EventExecutor loop() {
        return loop;
    }
}
