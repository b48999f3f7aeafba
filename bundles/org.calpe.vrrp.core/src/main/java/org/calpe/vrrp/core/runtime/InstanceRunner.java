package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.PacketListener;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpTopics;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.calpe.vrrp.core.codec.ChecksumCompat;
import org.calpe.vrrp.core.codec.DropCounters;
import org.calpe.vrrp.core.codec.DropReason;
import org.calpe.vrrp.core.codec.IpFamily;
import org.calpe.vrrp.core.codec.ReceiveExpectations;
import org.calpe.vrrp.core.codec.ReceiveResult;
import org.calpe.vrrp.core.codec.RxMeta;
import org.calpe.vrrp.core.codec.VrrpCodecException;
import org.calpe.vrrp.core.codec.VrrpFrame;
import org.calpe.vrrp.core.codec.VrrpReceiveCheck;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.InstanceStateMachine;
import org.calpe.vrrp.core.fsm.ReceivedAdvert;
import org.calpe.vrrp.core.fsm.Tracker;
import org.calpe.vrrp.core.track.ScriptStateChange;
import static org.calpe.vrrp.core.runtime.Units.*;
import org.calpe.vrrp.core.fsm.VrrpAction;
import org.calpe.vrrp.core.fsm.VrrpTimer;
import org.calpe.vrrp.core.garp.GarpInstance;
import org.calpe.vrrp.core.garp.VirtualAddress;
import org.calpe.vrrp.core.notify.NotifyPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One running {@code vrrp_instance}: its socket, state machine, addresses and announcements. Every method runs on
 * the runtime's event loop; the socket's receive thread only hands packets over to it. The state machine's actions
 * are queued while it runs and carried out right after, in order, so no action ever calls back into it.
 */
final class InstanceRunner {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final InstanceSpec spec;
    /** {@code spec.family()}, which is computed from the addresses: needed for every advert received. */
    private final IpFamily family;
    private final RuntimeContext ctx;
    private final DropCounters drops = new DropCounters();
    private final ArrayDeque<VrrpAction> pending = new ArrayDeque<>();
    private final AdvertSender sender;
    private final List<Tracker> trackers;
    private final Set<String> trackerIds = new HashSet<>();
    private List<InstanceRunner> groupMembers = List.of();
    private LoopScheduler scheduler;
    private InstanceStateMachine fsm;
    private InstanceConfig fsmConfig;
    /** Prepared, its takeover path not yet made ready. */
    private boolean coldPath;
    private VrrpReceiveCheck check;
    private VrrpSocket socket;
    private LinkInfo link;
    private VmacLink vmac;
    private InetAddress source;
    private List<InterfaceAddress> virtuals = List.of();
    private List<org.calpe.net.api.Route> routes = List.of();
    private List<org.calpe.net.api.Rule> rules = List.of();
    private boolean garpMaster;
    private boolean closed;
    private boolean bridging;
    private boolean advertUnsent;
    /** The master's periodic adverts the kernel sends ahead of time. */
    private final TimedAdverts timed;
    /** The state machine's advert timer is being handled: its advert may come from {@link #timed}. */
    private boolean advertTimer;
    private long advertsReceived;
    private Instant lastTransition = Instant.now();

    InstanceRunner(InstanceSpec spec, RuntimeContext ctx) {
        this(spec, ctx, List.of());
    }

    /** @param trackers the instance's resolved trackers (own interface, track_interface, track_script) */
    InstanceRunner(InstanceSpec spec, RuntimeContext ctx, List<Tracker> trackers) {
        this.spec = spec;
        this.family = spec.family();
        this.ctx = ctx;
        this.sender = new AdvertSender(spec);
        this.timed = new TimedAdverts(spec.name(), spec.advertIntervalMicros() * 1000L);
        this.trackers = List.copyOf(trackers);
        this.trackers.forEach(t -> trackerIds.add(t.id()));
    }

    List<Tracker> trackers() {
        return trackers;
    }

    /** The state machine once {@link #prepare()} has run, else null. */
    InstanceStateMachine fsm() {
        return fsm;
    }

    /** This runner is one of {@code members} of a sync group: every drain drains them all. */
    void joinGroup(List<InstanceRunner> members) {
        groupMembers = List.copyOf(members);
    }

    InstanceSpec spec() {
        return spec;
    }

    /** Resolves the interface, opens the socket and starts the state machine. */
    void start() throws IOException {
        prepare();
        begin();
    }

    /** Starts a prepared state machine (not for sync group members: their group starts them). */
    void begin() {
        fsm.start();
        drain();
    }

    /**
     * Resolves the interface, opens the socket, creates the state machine (not yet started) and gets the takeover
     * path ready.
     */
    void prepare() throws IOException {
        prepare(true);
    }

    /**
     * {@link #prepare()}; with {@code warmNow} false the takeover path is left for {@link #warmUpSliced()} (an
     * instance that resumes after a hand-over, while the others already run).
     */
    void prepare(boolean warmNow) throws IOException {
        RuntimeServices s = ctx.services();
        link = s.links().link(s.namespace(), spec.interfaceName()).orElseThrow(() -> new IOException(
                "(" + spec.name() + ") interface " + spec.interfaceName() + " not found in " + s.namespace()));
        source = spec.sourceAddress() != null ? spec.sourceAddress() : primaryAddress(link.index());
        if (spec.vmac() != null && vmac == null) {
            vmac = VmacLink.open(s, spec, link, ipv6() ? source : null);
            ctx.macs().put(vmac.link().index(), vmac.link().mac());
        }
        org.calpe.net.api.IpFamily socketFamily = ipv6() ? org.calpe.net.api.IpFamily.INET6
                : org.calpe.net.api.IpFamily.INET;
        ctx.macs().put(link.index(), link.mac());
        List<InterfaceAddress> all = new ArrayList<>();
        List<VirtualAddress> garpVips = new ArrayList<>();
        List<VirtualAddress> garpEvips = new ArrayList<>();
        for (VirtualIp v : spec.vips()) {
            InterfaceAddress a = v.on(ifindex(v));
            all.add(a);
            garpVips.add(garpAddress(a));
        }
        for (VirtualIp v : spec.excludedVips()) {
            InterfaceAddress a = v.on(ifindex(v));
            all.add(a);
            garpEvips.add(garpAddress(a));
        }
        virtuals = List.copyOf(all);
        routes = routes(s);
        rules = rules();
        ctx.announcements().add(new GarpInstance(spec.name(), vipLink().index(),
                vmac != null && spec.vmac().xmitBase(), garpVips, garpEvips, spec.garp()));
        check = new VrrpReceiveCheck(expectations(authenticator()), drops);
        boolean ah = spec.authType() == VrrpAuthType.AH;
        VrrpSocketSpec socketSpec = spec.unicast()
                ? new VrrpSocketSpec(s.namespace(), socketFamily, VrrpSocketSpec.PROTO_VRRP,
                        socketInterface(), null, source, !ipv6(), 255, false)
                : VrrpSocketSpec.vrrpMulticast(s.namespace(), socketFamily, socketInterface());
        if (ah) {
            socketSpec = socketSpec.withProtocol(VrrpSocketSpec.PROTO_AH);
        }
        // one socket per interface and kind for the whole runtime; it hands this instance its VRID's datagrams
        socket = ctx.sockets().open(socketSpec, spec.vrid(), new PacketListener() {
            @Override
            public void packetReceived(ReceivedPacket packet) {
                if (ctx.loop().inEventLoop()) { // the shared socket dispatches on the loop
                    received(packet);
                } else {
                    ctx.loop().execute(() -> received(packet));
                }
            }

            @Override
            public void receiveFailed(Exception cause) {
                LOG.error("({}) receiving adverts failed: {}", spec.name(), cause.toString());
            }
        });
        scheduler = new LoopScheduler(ctx.loop(), ctx.services().prompt(), ctx.afterwards(), t -> {
            if (!closed && !(t == VrrpTimer.MASTER_DOWN && advertArrivedMeanwhile())) {
                advertTimer = t == VrrpTimer.ADVERT;
                try {
                    fsm.timerFired(t);
                    drain();
                } finally {
                    advertTimer = false;
                }
            }
        });
        if (!TimedAdverts.wanted(TimedAdverts.MODE, spec.advertIntervalMicros() * 1000L)) {
            // a master's adverts keep to a phase of their own (spread over the interval, not in bursts); where the
            // kernel sends them ahead of time, they keep to the time of the advert that started them
            scheduler.advertPhase(LoopScheduler.phaseOf(spec.interfaceName(), spec.vrid(), ipv6()));
        }
        scheduler.rehearsal(this::rehearse);
        List<String> warnings = new ArrayList<>();
        InstanceConfig fsmConfig = spec.fsmConfig(source, trackers).normalized(warnings);
        fsm = new InstanceStateMachine(fsmConfig, scheduler, pending::add);
        this.fsmConfig = fsmConfig;
        warnings.forEach(LOG::warn);
        coldPath = true;
        if (warmNow) {
            warmUp();
        }
        for (Tracker t : trackers) { // the interfaces' state now; later changes come from the link monitor
            if (t.kind() == Tracker.Kind.INTERFACE) {
                boolean up = s.links().link(s.namespace(), t.name()).map(LinkInfo::isUp).orElse(false);
                if (!up) {
                    LOG.info("({}) interface {} is down", spec.name(), t.name());
                }
                fsm.interfaceChanged(t.name(), up);
            }
        }
    }

    /** Shortly before the Master_Down timer expires: the takeover path once, dry ({@link TakeoverWarmup#rehearse}). */
    private void rehearse() {
        if (!closed && fsmConfig != null) {
            RuntimeServices s = ctx.services();
            ctx.warmup().rehearse(s, s.namespace(), vipLink().index(), sender, socket, source, authenticator(),
                    fsmConfig);
        }
    }

    /** Gets the takeover path ready now (see {@link TakeoverWarmup}), if it still is to be. */
    void warmUp() {
        if (takeColdPath()) {
            RuntimeServices s = ctx.services();
            ctx.warmup().prepare(s, s.namespace(), vipLink().index(), sender, socket, source, authenticator(),
                    fsmConfig);
        }
    }

    /**
     * Gets the takeover path ready in slices on the loop, if it still is to be (after
     * {@link #prepare(boolean) prepare(false)}); otherwise nothing.
     */
    void warmUpSliced() {
        if (!takeColdPath()) {
            return;
        }
        RuntimeServices s = ctx.services();
        ctx.warmup().prepareSliced(ctx.loop(), s, s.namespace(), vipLink().index(), sender, socket, source,
                this::authenticator, fsmConfig, () -> !closed);
    }

    /** Whether the takeover path of this prepared instance is still to be made ready; it is taken care of now. */
    private boolean takeColdPath() {
        if (closed || fsmConfig == null || !coldPath) {
            return false;
        }
        coldPath = false;
        return true;
    }

    /**
     * Closes a prepared instance that never started (its hand-over is passed on to the next engine): the socket
     * closes, nothing is sent, removed or notified.
     */
    void discard() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduler != null) {
            scheduler.cancelAll();
        }
        ctx.announcements().remove(spec.name());
        if (socket != null) {
            socket.close();
        }
    }

    /**
     * An authenticator service was registered (on the loop): a MASTER whose last advert could not be signed
     * for want of one (a new engine resumes before Declarative Services has bound them) sends it now.
     */
    void authenticatorsChanged() {
        if (!closed && !bridging && advertUnsent && fsm != null && fsm.state() == VrrpState.MASTER) {
            execute(new VrrpAction.SendAdvert(fsm.effectivePriority()));
        }
    }

    /** A link changed (on the loop). */
    void interfaceChanged(String name, boolean up) {
        if (closed || bridging || fsm == null) {
            return;
        }
        fsm.interfaceChanged(name, up);
        drain();
    }

    /** A vrrp_script changed between good and bad (on the loop). */
    void scriptChanged(ScriptStateChange change) {
        if (closed || bridging || fsm == null || !trackerIds.contains(change.trackerId())) {
            return;
        }
        fsm.trackerChanged(change.trackerId(), change.up());
        drain();
    }

    /** A track_file now holds {@code value} (on the loop). */
    void fileChanged(String trackerId, int value) {
        if (closed || bridging || fsm == null || !trackerIds.contains(trackerId)) {
            return;
        }
        fsm.fileChanged(trackerId, value);
        drain();
    }

    /** Stops the instance: a master sends priority 0 and releases its addresses; STOP is notified. */
    void stop() {
        if (closed) {
            return;
        }
        if (fsm != null) {
            fsm.stop();
            drain();
        }
        closed = true;
        timed.cancel();
        if (scheduler != null) {
            scheduler.cancelAll();
        }
        ctx.afterwards().flush(); // a stop is reported before anything that follows it (a FIFO closed, a new engine)
        ctx.announcements().remove(spec.name());
        if (socket != null) {
            socket.close();
        }
        removeVmac();
    }

    /** The instance stops for good (not at a hand-over): its VMAC goes, with the addresses on it. */
    private void removeVmac() {
        if (vmac != null) {
            vmac.remove();
            vmac = null;
        }
    }

    /**
     * After an in-place reload (this runner handed over to {@code next}): removes this runner's VMAC unless
     * {@code next} adopted it (a reload that drops {@code use_vmac} or renames the VMAC).
     */
    void releaseVmacUnlessUsedBy(InstanceRunner next) {
        if (vmac != null && (next.vmac == null || next.vmac.link().index() != vmac.link().index())) {
            removeVmac();
        }
    }

    /** The interface the addresses go on and announcements leave from: the VMAC with use_vmac. */
    private LinkInfo vipLink() {
        return vmac != null ? vmac.link() : link;
    }

    /** The interface adverts are sent and received on: the VMAC unless {@code vmac_xmit_base}. */
    private String socketInterface() {
        return vmac != null && !spec.vmac().xmitBase() ? vmac.link().name() : spec.interfaceName();
    }

    /** An address for the announcer; one on the VMAC is paced with its base interface. */
    private VirtualAddress garpAddress(InterfaceAddress a) {
        return vmac != null && a.ifindex() == vmac.link().index()
                ? new VirtualAddress(a.ifindex(), link.index(), a.address(), true)
                : VirtualAddress.on(a.ifindex(), a.address());
    }

    /**
     * Hands the instance over to the next engine (a bundle update): a master sends one last advert, then the
     * socket closes; no priority 0, the addresses stay, nothing is notified.
     *
     * @return what the next engine needs to resume it, or null if it never started
     */
    HandOver.Saved handOver(String identity) {
        return handOver(identity, 0);
    }

    /**
     * {@link #handOver(String)}; with {@code bridge} a MASTER does not close yet but goes on sending its adverts
     * (only that: received adverts and tracker changes are ignored) until {@link #endBridge()}, so the wire
     * sees no gap while the next engine starts. Its saved AH sequence number is then set ahead by the adverts
     * the bridge may still send, so that the next engine's numbers keep rising for keepalived peers.
     *
     * @param bridgeMicros the longest the bridge may run, 0 for none
     */
    HandOver.Saved handOver(String identity, long bridgeMicros) {
        if (closed || fsm == null) {
            stop();
            return null;
        }
        if (bridgeMicros > 0 && fsm.state() == VrrpState.MASTER) {
            bridging = true;
            long budget = bridgeMicros / Math.max(1, spec.advertIntervalMicros()) + 2;
            return new HandOver.Saved(identity, VrrpState.MASTER, fsm.effectivePriority(),
                    spec.authType() == VrrpAuthType.AH ? ahead(sender.sequence(), budget) : sender.sequence());
        }
        VrrpState saved = fsm.handOver();
        drain();
        close();
        return new HandOver.Saved(identity, saved, fsm.effectivePriority(), sender.sequence());
    }

    /** Whether this (old) master goes on advertising until the next engine resumes it. */
    boolean bridging() {
        return bridging && !closed;
    }

    /** The next engine advertises now (or the bridge ran out of time): stop, silently. */
    void endBridge() {
        if (closed) {
            return;
        }
        fsm.handOver(false);
        drain();
        close();
    }

    /**
     * Nobody took over from this bridging master: stop as a real stop does (priority 0, addresses released,
     * STOP notified). If this bundle revision can no longer load a class that path needs, at least the priority
     * 0 advert goes out and the addresses are released.
     */
    void stopAfterBridge() {
        if (closed) {
            return;
        }
        bridging = false;
        try {
            stop();
        } catch (LinkageError e) {
            LOG.warn("({}) stopping after the bridge: {}", spec.name(), e.toString());
            try {
                sender.send(socket, source, 0, authenticator());
            } catch (IOException | RuntimeException | LinkageError ex) {
                LOG.warn("({}) cannot send priority 0: {}", spec.name(), ex.toString());
            }
            removeAddresses();
            close();
            removeVmac();
        }
    }

    /**
     * Loads what {@link #stopAfterBridge()} and the bridge's adverts need while the bundle revision is still open
     * (after an update the old revision cannot load classes any more): the actions of a stop, the notify planning
     * (pure) and the advert queue.
     */
    Object warmStopPath() {
        List<Object> loaded = new ArrayList<>(List.of(VrrpAction.RemoveVirtuals.class, VrrpAction.StopGarp.class,
                VrrpAction.StateChanged.class, VrrpAction.Log.class, VrrpAction.SendAdvert.class,
                VrrpAction.Virtuals.class, VrrpState.class));
        loaded.add(NotifyPlanner.instance(spec.name(), spec.notifyScripts(), VrrpState.STOP,
                fsm.effectivePriority()));
        loaded.addAll(TimedAdverts.classes()); // a bridging master goes on topping up its adverts
        return loaded;
    }

    private void close() {
        closed = true;
        timed.cancel();
        scheduler.cancelAll();
        ctx.announcements().remove(spec.name());
        socket.close();
    }

    /**
     * The receive-check failures keepalived logs at INFO, once per datagram ("(VI_1) received an invalid
     * passwd!", "(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. ..."); the socket-level ones stay at DEBUG.
     */
    static boolean loggedAtInfo(org.calpe.vrrp.core.codec.DropReason reason) {
        return switch (reason) {
            case TRUNCATED, TOO_SHORT, UNKNOWN_VRID, NOT_READY, AH_NEXT_HEADER -> false;
            default -> true;
        };
    }

    /** The addresses this instance adds as MASTER ({@code virtual_ipaddress} and {@code _excluded}). */
    List<InterfaceAddress> virtualAddresses() {
        return virtuals;
    }

    /** After an in-place reload: removes the addresses of this (handed over) master not in {@code keep}. */
    void releaseAddressesExcept(List<InterfaceAddress> keep) {
        for (InterfaceAddress a : virtuals) {
            boolean kept = keep.stream().anyMatch(k -> k.ifindex() == a.ifindex() && k.address().equals(a.address())
                    && k.prefixLength() == a.prefixLength());
            if (kept) {
                continue;
            }
            try {
                ctx.services().addresses().remove(ctx.services().namespace(), a);
            } catch (IOException e) {
                LOG.error("({}) cannot remove {}/{}: {}", spec.name(), a.address().getHostAddress(),
                        a.prefixLength(), e.getMessage());
            }
        }
    }

    /** The routes and rules this instance adds as MASTER. */
    List<Object> virtualRoutesAndRules() {
        List<Object> all = new ArrayList<>(routes);
        all.addAll(rules);
        return all;
    }

    /** After an in-place reload: removes the routes and rules of this (handed over) master not in {@code keep}. */
    void releaseRoutesExcept(List<Object> keep) {
        each(rules.stream().filter(r -> !keep.contains(r)).toList(), ctx.services().routes()::removeRule,
                "remove rule");
        each(routes.stream().filter(r -> !keep.contains(r)).toList(), ctx.services().routes()::removeRoute,
                "remove route");
    }

    private static AuthSequence ahead(AuthSequence s, long adverts) {
        long counter = Math.max(s.sent(), s.received());
        return new AuthSequence(Math.min(0xFFFF_FFFFL, counter + adverts), s.received(), s.cycled());
    }

    /** Starts a prepared state machine in the state it was handed over in (not for sync group members). */
    boolean resume(HandOver.Saved saved) {
        restoreSequence(saved.sequence());
        boolean resumed = fsm.resume(saved.state());
        drainResumed();
        return resumed;
    }

    /**
     * {@link #drain()} after a hand-over resumed this instance (or its sync group): a resumed master's first
     * advert continues its periodic ones, so the kernel takes the next ones at once ({@link TimedAdverts}) instead
     * of at the first advert timer; the next engine's code is still cold then, and the previous engine stops
     * bridging as soon as it sees the hand-over claimed.
     */
    void drainResumed() {
        List<InstanceRunner> all = groupMembers.isEmpty() ? List.of(this) : groupMembers;
        all.forEach(m -> m.advertTimer = true);
        try {
            drain();
        } finally {
            all.forEach(m -> m.advertTimer = false);
        }
    }

    /** The AH sequence numbers the previous engine reached (they must go on rising for keepalived peers). */
    void restoreSequence(AuthSequence sequence) {
        sender.sequence(sequence);
    }

    /**
     * When the Master_Down timer expires: first handles what the kernel already holds for the socket. The timer
     * runs from each advert's kernel receive time, but the receive thread that reads it may be late (a busy
     * machine, the collector delaying an allocation) while this loop is on time; an advert that arrived before
     * the deadline then still restarts the timer instead of being overlooked by a takeover (measured: a backup
     * taking over 1.2 ms after its master's advert had arrived, under a garbage-allocating bundle).
     *
     * @return true if an advert handled now re-armed the timer (Master_Down or Skew_Time): no takeover yet
     */
    private boolean advertArrivedMeanwhile() {
        try {
            socket.receivePending();
        } catch (IOException | RuntimeException e) {
            LOG.debug("({}) reading pending adverts failed: {}", spec.name(), e.toString());
            return false;
        }
        return !closed && scheduler.armed(VrrpTimer.MASTER_DOWN);
    }

    private void received(ReceivedPacket packet) {
        if (closed || bridging) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(packet.data());
        try {
            int vrid = VrrpFrame.locate(family, buf).vrid();
            if (vrid != spec.vrid()) { // not from the shared socket, which hands over this VRID's datagrams only
                if (!ctx.vrids().claimed(this, vrid)) {
                    drops.increment(DropReason.UNKNOWN_VRID);
                }
                return; // another instance's advert on the same link
            }
        } catch (VrrpCodecException e) {
            drops.increment(e.reason());
            return;
        }
        VrrpAuthenticator auth = authenticator();
        if (auth != check.expectations().authenticator()) {
            check = new VrrpReceiveCheck(check.expectations().withAuthenticator(auth), drops);
        }
        RxMeta meta = ipv6() ? new RxMeta(packet.source(), packet.destination(), packet.ttl()) : RxMeta.IPV4;
        ReceiveResult r = check.check(buf, meta, sender.sequence());
        sender.sequence(r.sequence());
        if (r.oldChecksumDetected() && sender.oldChecksumDetected()) {
            LOG.info("({}) Setting unicast VRRPv3 checksum to old version", spec.name());
            check = new VrrpReceiveCheck(check.expectations().withChecksumCompat(sender.checksumCompat()), drops);
        }
        if (!r.accepted()) {
            if (loggedAtInfo(r.reason())) {
                LOG.info("({}) {}", spec.name(), r.message()); // keepalived logs these without -D
            } else {
                LOG.debug("({}) {}", spec.name(), r.message());
            }
            return;
        }
        advertsReceived++;
        ReceivedAdvert advert = ReceivedAdvert.of(r.datagram());
        scheduler.during(packet.receivedNanos(), new AdvertHandling(fsm, advert));
        drain();
    }

    /** Carries out the queued actions of this instance and, in a sync group, of every other member. */
    void drain() {
        if (groupMembers.isEmpty()) {
            drainOwn();
            return;
        }
        boolean more = true;
        while (more) {
            more = false;
            for (InstanceRunner m : groupMembers) {
                if (!m.pending.isEmpty()) {
                    m.drainOwn();
                    more = true;
                }
            }
        }
    }

    private void drainOwn() {
        VrrpAction a;
        while ((a = pending.poll()) != null) {
            try {
                execute(a);
            } catch (RuntimeException e) {
                LOG.error("({}) {} failed", spec.name(), a, e);
            }
        }
    }

    private void execute(VrrpAction action) {
        RuntimeServices s = ctx.services();
        if (action instanceof VrrpAction.SendAdvert send) {
            long now = System.nanoTime();
            boolean periodic = advertTimer && send.priority() > 0 && fsm.state() == VrrpState.MASTER;
            VrrpAuthenticator auth = authenticator();
            if (periodic && timed.covered(now, send.priority(), socket, sender, source, auth)) {
                advertUnsent = false;
            } else {
                timed.cancel();
                try {
                    sender.send(socket, source, send.priority(), auth);
                    advertUnsent = false;
                    if (periodic) {
                        timed.start(now, send.priority(), socket, sender, source, auth);
                    }
                } catch (IOException e) {
                    advertUnsent = send.priority() > 0;
                    LOG.warn("({}) cannot send advert: {}", spec.name(), e.getMessage());
                }
            }
            if (send.priority() > 0 && garpMaster) {
                ctx.announcements().masterAdvertSent(spec.name());
            }
        } else if (action instanceof VrrpAction.AddVirtuals add) {
            if (add.what() == VrrpAction.Virtuals.ADDRESSES) {
                addAddresses();
            } else if (add.what() == VrrpAction.Virtuals.ROUTES) {
                addRoutes();
            } else if (add.what() == VrrpAction.Virtuals.RULES) {
                addRules();
            }
        } else if (action instanceof VrrpAction.RemoveVirtuals remove) {
            if (remove.what() == VrrpAction.Virtuals.ADDRESSES) {
                removeAddresses();
            } else if (remove.what() == VrrpAction.Virtuals.ROUTES) {
                removeRoutes();
            } else if (remove.what() == VrrpAction.Virtuals.RULES) {
                removeRules();
            }
        } else if (action instanceof VrrpAction.StartGarp) {
            garpMaster = true;
            ctx.announcements().becameMaster(spec.name());
        } else if (action instanceof VrrpAction.ResumeGarp) {
            garpMaster = true;
            ctx.announcements().resumedMaster(spec.name());
        } else if (action instanceof VrrpAction.StopGarp) {
            timed.cancel();
            garpMaster = false;
            ctx.announcements().leftMaster(spec.name());
        } else if (action instanceof VrrpAction.LowerPriorityGarp) {
            ctx.announcements().lowerPriorityAdvertReceived(spec.name());
        } else if (action instanceof VrrpAction.StateChanged c) {
            if (c.to() != VrrpState.MASTER) {
                timed.cancel();
            }
            lastTransition = Instant.now();
            Map<String, Object> p = eventProperties();
            p.put(VrrpTopics.PROP_STATE, c.to().name());
            p.put(VrrpTopics.PROP_PREVIOUS_STATE, c.from().name());
            p.put(VrrpTopics.PROP_REASON, c.reason());
            p.put(VrrpTopics.PROP_NOTIFY, c.runNotify());
            int priority = fsm.effectivePriority();
            ctx.afterwards().add(() -> {
                s.events().post(VrrpTopics.INSTANCE_STATE_CHANGED, p);
                if (c.runNotify()) {
                    ctx.notifier().instanceChanged(spec.name(), spec.notifyScripts(), c.to(), priority);
                }
            });
        } else if (action instanceof VrrpAction.PriorityChanged) {
            timed.cancel(); // the next advert timer sends the new priority at once
            Map<String, Object> p = eventProperties();
            VrrpState state = fsm.state();
            int priority = fsm.effectivePriority();
            ctx.afterwards().add(() -> {
                s.events().post(VrrpTopics.INSTANCE_PRIORITY_CHANGED, p);
                ctx.notifier().priorityChanged(spec.name(), spec.notifyScripts(), state, priority);
            });
        } else if (action instanceof VrrpAction.MasterRxLowerPriority m) {
            Map<String, Object> p = eventProperties();
            p.put(VrrpTopics.PROP_SOURCE, m.source().getHostAddress());
            int priority = fsm.effectivePriority();
            ctx.afterwards().add(() -> {
                s.events().post(VrrpTopics.INSTANCE_MASTER_RX_LOWER_PRI, p);
                ctx.notifier().masterReceivedLowerPriority(spec.name(), spec.notifyScripts(), priority);
            });
        } else if (action instanceof VrrpAction.Log l) {
            ctx.afterwards().add(() -> {
                if (l.level() == VrrpAction.Level.INFO) {
                    LOG.info(l.message());
                } else {
                    LOG.debug(l.message());
                }
            });
        }
        // GroupStateChanged comes from the SyncGroup's own sink (VrrpRuntime), never from a member
    }

    private void addAddresses() {
        for (InterfaceAddress a : virtuals) {
            try {
                ctx.services().addresses().add(ctx.services().namespace(), a);
            } catch (IOException e) {
                LOG.error("({}) cannot add {}/{}: {}", spec.name(), a.address().getHostAddress(), a.prefixLength(),
                        e.getMessage());
            }
        }
    }

    /** {@code virtual_routes} as net.api values; an entry that cannot be applied is logged and left out. */
    private List<org.calpe.net.api.Route> routes(RuntimeServices s) {
        List<org.calpe.net.api.Route> out = new ArrayList<>();
        for (String line : spec.routes()) {
            RouteLines.Parsed<org.calpe.net.api.Route> r = RouteLines.route(line, name -> {
                try {
                    return s.links().link(s.namespace(), name).map(LinkInfo::index).orElse(0);
                } catch (IOException e) {
                    return 0;
                }
            });
            if (r.ok()) {
                out.add(r.value());
            } else {
                LOG.warn("({}) virtual_routes entry '{}' is not applied: {}", spec.name(), line, r.problem());
            }
        }
        return List.copyOf(out);
    }

    private List<org.calpe.net.api.Rule> rules() {
        List<org.calpe.net.api.Rule> out = new ArrayList<>();
        for (String line : spec.rules()) {
            RouteLines.Parsed<org.calpe.net.api.Rule> r = RouteLines.rule(line);
            if (r.ok()) {
                out.add(r.value());
            } else {
                LOG.warn("({}) virtual_rules entry '{}' is not applied: {}", spec.name(), line, r.problem());
            }
        }
        return List.copyOf(out);
    }

    // (the checks for empty lists: linking a method reference the first time, at a takeover, costs ~0.2 ms)
    private void addRoutes() {
        if (!routes.isEmpty()) {
            each(routes, ctx.services().routes()::addRoute, "add route");
        }
    }

    private void removeRoutes() {
        if (!routes.isEmpty()) {
            each(routes, ctx.services().routes()::removeRoute, "remove route");
        }
    }

    private void addRules() {
        if (!rules.isEmpty()) {
            each(rules, ctx.services().routes()::addRule, "add rule");
        }
    }

    private void removeRules() {
        if (!rules.isEmpty()) {
            each(rules, ctx.services().routes()::removeRule, "remove rule");
        }
    }

    /** A route or rule operation of the {@link org.calpe.net.api.RouteManager}. */
    @FunctionalInterface
    private interface RouteOperation<T> {
        boolean apply(org.calpe.net.api.NetNamespace namespace, T value) throws IOException;
    }

    /** Applies {@code operation} to each value in the runtime's namespace; a refusal is logged, the rest go on. */
    private <T> void each(List<T> values, RouteOperation<T> operation, String what) {
        for (T v : values) {
            try {
                operation.apply(ctx.services().namespace(), v);
            } catch (IOException e) {
                LOG.error("({}) cannot {}: {}", spec.name(), what, e.getMessage());
            }
        }
    }

    private void removeAddresses() {
        for (InterfaceAddress a : virtuals) {
            try {
                ctx.services().addresses().remove(ctx.services().namespace(), a);
            } catch (IOException e) {
                LOG.error("({}) cannot remove {}/{}: {}", spec.name(), a.address().getHostAddress(),
                        a.prefixLength(), e.getMessage());
            }
        }
    }

    private Map<String, Object> eventProperties() {
        return spec.eventProperties(fsm.effectivePriority());
    }

    private VrrpAuthenticator authenticator() {
        return spec.authType() == VrrpAuthType.NONE ? null : ctx.services().authenticators().apply(spec.authType());
    }

    private ReceiveExpectations expectations(VrrpAuthenticator auth) {
        int seconds = (int) (spec.advertIntervalMicros() / MICROS_PER_SECOND);
        return new ReceiveExpectations(spec.name(), spec.family(), spec.version(), spec.authType(), auth,
                sender.authParameters(), seconds, spec.advertisedAddresses(), true, spec.unicastPeers(),
                spec.checkUnicastSource(), sender.checksumCompat());
    }

    private int ifindex(VirtualIp v) throws IOException {
        if (v.device() == null || v.device().equals(link.name())) {
            return vipLink().index(); // with use_vmac, the instance's addresses go on the VMAC
        }
        LinkInfo other = ctx.services().links().link(ctx.services().namespace(), v.device()).orElseThrow(
                () -> new IOException("(" + spec.name() + ") interface " + v.device() + " not found"));
        ctx.macs().put(other.index(), other.mac());
        return other.index();
    }

    private boolean ipv6() {
        return family == IpFamily.IPV6;
    }

    /** The interface's primary IPv4 address or, for IPv6, its link-local address (keepalived's source). */
    private InetAddress primaryAddress(int ifindex) throws IOException {
        boolean v6 = ipv6();
        for (InterfaceAddress a : ctx.services().addresses().list(ctx.services().namespace())) {
            if (a.ifindex() != ifindex) {
                continue;
            }
            if (v6 ? a.address() instanceof Inet6Address && a.address().isLinkLocalAddress()
                    : a.address() instanceof Inet4Address && (a.flags() & InterfaceAddress.FLAG_SECONDARY) == 0) {
                return v6 ? plain(a.address()) : a.address();
            }
        }
        throw new IOException("(" + spec.name() + ") no " + (v6 ? "IPv6 link-local" : "IPv4") + " address on "
                + spec.interfaceName());
    }

    /** The address without a scope id (the checksum and the adverts' comparisons use the 16 bytes only). */
    private static InetAddress plain(InetAddress a) throws IOException {
        return InetAddress.getByAddress(a.getAddress());
    }

    /** Whether this runner's spec has {@code vrid} on {@code interfaceName} in {@code family}. */
    boolean owns(String interfaceName, IpFamily family, int vrid) {
        return !closed && spec.vrid() == vrid && this.family == family && spec.interfaceName().equals(interfaceName);
    }

    /** A snapshot for {@link org.calpe.vrrp.api.VrrpStatus}. */
    InstanceStatus status() {
        boolean running = fsm != null;
        InstanceStats stats = new InstanceStats(advertsReceived, running ? fsm.advertsSent() : 0,
                running ? fsm.becameMaster() : 0, running ? fsm.releasedMaster() : 0,
                drops.keepalivedCounter("packet_len_err"), drops.keepalivedCounter("ip_ttl_err"),
                drops.keepalivedCounter("vers_err"), drops.keepalivedCounter("invalid_type_rcvd"),
                drops.keepalivedCounter("chk_err"), drops.keepalivedCounter("addr_list_err"),
                drops.keepalivedCounter("invalid_authtype"), drops.keepalivedCounter("authtype_mismatch"),
                drops.keepalivedCounter("auth_failure"), otherDrops(),
                running ? fsm.priorityZeroReceived() : 0, running ? fsm.priorityZeroSent() : 0);
        InetAddress master = running ? fsm.masterAddress() : null;
        return new InstanceStatus(spec.name(), spec.vrid(), spec.interfaceName(), spec.family().keepalivedName(),
                spec.version().number(), running ? fsm.state() : VrrpState.INIT,
                running ? fsm.wantState() : spec.initialState(), spec.priority(),
                running ? fsm.effectivePriority() : spec.priority(),
                Duration.ofNanos(spec.advertIntervalMicros() * 1000L),
                Duration.ofNanos((running ? fsm.masterAdvertIntervalMicros() : spec.advertIntervalMicros()) * 1000L),
                master == null ? "" : master.getHostAddress(), running ? fsm.masterPriority() : 0,
                spec.vips().stream().map(VirtualIp::line).toList(), lastTransition, stats);
    }

    private long otherDrops() {
        long counted = 0;
        for (DropReason r : DropReason.values()) {
            if (r.keepalivedCounter().isPresent()) {
                counted += drops.get(r);
            }
        }
        return drops.total() - counted;
    }

    /** The state machine's handling of one received advert. */
    private record AdvertHandling(InstanceStateMachine fsm, ReceivedAdvert advert) implements Runnable {
        @Override
        public void run() {
            fsm.advertReceived(advert);
        }
    }
}
