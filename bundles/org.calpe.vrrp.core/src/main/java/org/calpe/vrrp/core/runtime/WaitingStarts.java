package org.calpe.vrrp.core.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.NetlinkEvent;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpTopics;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances that cannot start yet because their interface does not exist or lacks the address adverts are
 * sent from ({@link StartGate}), as keepalived 2.2.7 runs them with {@code dynamic_interfaces}: such an instance
 * is in FAULT from the start (keepalived's three "entering FAULT state" lines, a state change event, notify FAULT),
 * and starts as soon as the link or address appears (the runtime's reconcile starts it; its state machine then
 * enters BACKUP and notifies it). While anything waits, link and address changes of the namespace are followed
 * (a subscription of its own, opened with the first waiting instance and closed with the last); every change that
 * concerns a waiting instance's interface asks the runtime to {@code retry}. Used on the loop only.
 */
final class WaitingStarts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    /** One waiting instance. */
    private record Waiting(RunKey key, StartGate.Verdict verdict, Instant since) {
    }

    private final RuntimeContext ctx;
    private final Runnable retry;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private Closeable watch;
    private boolean retryQueued;
    /** The namespace's addresses and links as read for this reconcile (one netlink dump, not one per instance). */
    private List<InterfaceAddress> addresses;
    private final Map<String, Optional<org.calpe.net.api.LinkInfo>> links = new java.util.HashMap<>();
    private boolean closed;

    /** @param retry asks the runtime to try starting the waiting instances again (called on the loop) */
    WaitingStarts(RuntimeContext ctx, Runnable retry) {
        this.ctx = ctx;
        this.retry = retry;
    }

    /**
     * Whether the instance {@code pid} can start now. If not, it waits: entering the wait (or waiting for
     * something else than before) is logged, posted and notified once.
     */
    boolean ready(String pid, RunKey key) {
        StartGate.Verdict v = check(key.spec());
        if (v.ready()) {
            waiting.remove(pid);
            closeWatchIfIdle();
            return true;
        }
        wait(pid, key, v);
        return false;
    }

    /**
     * A running instance's interface disappeared (its state machine is in FAULT already and was notified so):
     * it waits, without a new notification, until the interface is back (then it starts anew, on the new link).
     */
    void park(String pid, RunKey key) {
        addresses = null;
        links.clear();
        StartGate.Verdict v = check(key.spec());
        LOG.info("({}) interface {} is gone: the instance waits in FAULT until it is back", key.spec().name(),
                key.spec().interfaceName());
        waiting.put(pid, new Waiting(key, v, Instant.now()));
        openWatch();
    }

    /** Whether every member ({@code pid -> key}) of a sync group can start; if not, all of them wait. */
    boolean allReady(Map<String, RunKey> members) {
        Map<String, StartGate.Verdict> verdicts = new LinkedHashMap<>();
        members.forEach((pid, key) -> verdicts.put(pid, check(key.spec())));
        if (verdicts.values().stream().allMatch(StartGate.Verdict::ready)) {
            members.keySet().forEach(waiting::remove);
            closeWatchIfIdle();
            return true;
        }
        for (Map.Entry<String, StartGate.Verdict> e : verdicts.entrySet()) {
            StartGate.Verdict v = e.getValue();
            if (v.ready()) {
                v = new StartGate.Verdict(false, v.ifindex(), "waiting for its sync group",
                        List.of("(" + members.get(e.getKey()).spec().name() + ") entering FAULT state"));
            }
            wait(e.getKey(), members.get(e.getKey()), v);
        }
        return false;
    }

    private void wait(String pid, RunKey key, StartGate.Verdict v) {
        Waiting before = waiting.get(pid);
        if (before != null && before.key().equals(key)) {
            waiting.put(pid, new Waiting(key, v, before.since()));
            return; // already FAULT: nothing new to say
        }
        waiting.put(pid, new Waiting(key, v, Instant.now()));
        if (before == null) {
            v.faultLines().forEach(LOG::info);
            changed(key.spec(), VrrpState.INIT, VrrpState.FAULT, v.reason());
        }
        openWatch();
    }

    /**
     * A reconcile begins: forgets waiting instances whose configuration is gone ({@code desired} holds the
     * configured pids), and the links and addresses read for the previous one.
     */
    void retain(Collection<String> desired) {
        addresses = null;
        links.clear();
        if (waiting.keySet().retainAll(desired)) {
            closeWatchIfIdle();
        }
    }

    /** Whether {@code pid} waits. */
    boolean contains(String pid) {
        return waiting.containsKey(pid);
    }

    /** A snapshot of a waiting instance (FAULT), if {@code pid} waits. */
    Optional<InstanceStatus> status(String pid) {
        Waiting w = waiting.get(pid);
        if (w == null) {
            return Optional.empty();
        }
        InstanceSpec s = w.key().spec();
        Duration advert = Duration.ofNanos(s.advertIntervalMicros() * 1000L);
        return Optional.of(new InstanceStatus(s.name(), s.vrid(), s.interfaceName(), s.family().keepalivedName(),
                s.version().number(), VrrpState.FAULT, VrrpState.FAULT, s.priority(), s.priority(), advert, advert,
                "", 0, s.vips().stream().map(VirtualIp::line).toList(), w.since(), InstanceStats.ZERO));
    }

    /** The runtime stops: every waiting instance enters STOP (keepalived notifies STOP for a FAULT instance). */
    void stopAll() {
        for (Waiting w : waiting.values()) {
            changed(w.key().spec(), VrrpState.FAULT, VrrpState.STOP, "stop");
        }
        waiting.clear();
        closeWatchIfIdle();
    }

    @Override
    public void close() {
        closed = true;
        waiting.clear();
        closeWatchIfIdle();
    }

    private StartGate.Verdict check(InstanceSpec spec) {
        RuntimeServices s = ctx.services();
        try {
            if (addresses == null) {
                addresses = s.addresses().list(s.namespace());
            }
            return StartGate.check(spec, name -> links.computeIfAbsent(name, n -> {
                try {
                    return s.links().link(s.namespace(), n);
                } catch (IOException e) {
                    return Optional.empty();
                }
            }), addresses);
        } catch (IOException e) {
            return new StartGate.Verdict(false, 0, "cannot read the addresses: " + e.getMessage(),
                    List.of("(" + spec.name() + ") entering FAULT state"));
        }
    }

    private void changed(InstanceSpec spec, VrrpState from, VrrpState to, String reason) {
        Map<String, Object> p = spec.eventProperties(spec.priority());
        p.put(VrrpTopics.PROP_STATE, to.name());
        p.put(VrrpTopics.PROP_PREVIOUS_STATE, from.name());
        p.put(VrrpTopics.PROP_REASON, reason);
        p.put(VrrpTopics.PROP_NOTIFY, true);
        ctx.afterwards().add(() -> { // in order with what running instances report
            ctx.services().events().post(VrrpTopics.INSTANCE_STATE_CHANGED, p);
            ctx.notifier().instanceChanged(spec.name(), spec.notifyScripts(), to, spec.priority());
        });
    }

    private void openWatch() {
        if (watch != null || closed) {
            return;
        }
        try {
            watch = ctx.services().links().watch(ctx.services().namespace(), e -> {
                try {
                    ctx.loop().execute(() -> event(e));
                } catch (RejectedExecutionException ex) {
                    // shutting down
                }
            });
        } catch (IOException e) {
            LOG.error("cannot follow link and address changes in {}: {}", ctx.services().namespace(),
                    e.getMessage());
            return;
        }
        queueRetry(); // a change between the check and the subscription is not lost
    }

    private void closeWatchIfIdle() {
        if (watch == null || !waiting.isEmpty() && !closed) {
            return;
        }
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("closing the link watch: {}", e.getMessage());
        }
        watch = null;
    }

    private void event(NetlinkEvent e) {
        if (closed || waiting.isEmpty()) {
            return;
        }
        boolean concerns = e instanceof NetlinkEvent.Overrun;
        if (e instanceof NetlinkEvent.LinkChanged c) {
            concerns = waiting.values().stream().anyMatch(w -> names(w.key().spec()).contains(c.link().name()));
        } else if (e instanceof NetlinkEvent.AddressChanged a && !a.removed()) {
            // an address on a waiting instance's (existing) interface, or on a link created since the check
            concerns = waiting.values().stream().anyMatch(w -> w.verdict().ifindex() == 0
                    || w.verdict().ifindex() == a.address().ifindex());
        }
        if (concerns) {
            queueRetry();
        }
    }

    /** One retry per burst of events (a new link brings several messages). */
    private void queueRetry() {
        if (retryQueued) {
            return;
        }
        retryQueued = true;
        ctx.loop().execute(() -> {
            retryQueued = false;
            if (!closed && !waiting.isEmpty()) {
                retry.run();
            }
        });
    }

    private static List<String> names(InstanceSpec spec) {
        List<String> out = new java.util.ArrayList<>();
        out.add(spec.interfaceName());
        spec.vips().stream().map(VirtualIp::device).filter(d -> d != null).forEach(out::add);
        spec.excludedVips().stream().map(VirtualIp::device).filter(d -> d != null).forEach(out::add);
        return out;
    }
}
