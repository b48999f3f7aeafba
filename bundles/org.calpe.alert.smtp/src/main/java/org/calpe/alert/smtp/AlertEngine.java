package org.calpe.alert.smtp;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.mail.KeepalivedMails;
import org.calpe.alert.smtp.mail.MailText;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.FailureCause;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns VRRP and check events into queued alerts and keeps the dispatcher going. {@link #event} may be called on
 * any thread (the Event Admin thread) and only hands the event to the single {@code worker} thread: nothing here
 * ever blocks the caller. Everything else runs on the worker.
 */
final class AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    /** Optional event properties the engine honours when present (not yet constants of the APIs). */
    static final String PROP_NOTIFY = "notify";
    /** The reason the check engine gives a real server that enters the pool (start, reload), not a check. */
    static final String CONFIGURED = "configured";
    static final String PROP_QUORUM = "quorum";
    static final String PROP_HYSTERESIS = "hysteresis";
    static final String PROP_THRESHOLD = "threshold";
    static final String PROP_WEIGHT_SUM = "weight.sum";
    static final String PROP_INIT = "init";
    static final String PROP_STOPPING = "stopping";
    static final String PROP_BFD = "bfd";

    private final ScheduledExecutorService worker;
    private final AlertQueue queue;
    private final ObjectSwitches switches;
    private final Clock clock;
    private final long windowMillis;
    private final Dispatcher dispatcher;
    private final VrrpRules vrrp = new VrrpRules();
    private final CheckerRules checkers = new CheckerRules();
    private volatile GlobalSettings settings;

    AlertEngine(ScheduledExecutorService worker, AlertQueue queue, Transport transport, ObjectSwitches switches,
            Clock clock, GlobalSettings initial, long retryInitialMillis, long retryMaxMillis, int batchSize,
            long windowMillis) {
        this.worker = worker;
        this.queue = queue;
        this.switches = switches;
        this.clock = clock;
        this.windowMillis = windowMillis;
        this.settings = initial;
        this.dispatcher = new Dispatcher(worker, queue, () -> settings.smtp(), transport, retryInitialMillis,
                retryMaxMillis, batchSize);
        dispatcher.kick(); // what is left from before the restart
    }

    /** New global_defs: applies to the next alert and the next session; the queue bound changes at once. */
    void settings(GlobalSettings g) {
        worker.execute(() -> {
            settings = g;
            try {
                queue.capacity(g.queueMax());
            } catch (IOException e) {
                LOG.error("SMTP alert queue: cannot apply smtp_queue_max {}: {}", g.queueMax(), e.getMessage());
            }
            dispatcher.kick();
        });
    }

    /** Hands an event to the worker; never blocks. */
    void event(String topic, Map<String, Object> props) {
        try {
            worker.execute(() -> {
                try {
                    handle(topic, props);
                } catch (RuntimeException e) {
                    LOG.error("SMTP alerts: cannot handle event {} {}: {}", topic, props, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("SMTP alerts stopping: event {} not mailed", topic);
        }
    }

    private void handle(String topic, Map<String, Object> p) {
        GlobalSettings g = settings;
        if (!g.mailable()) {
            return; // no smtp_server or notification_email: nothing to pair, queue or send
        }
        long when = p.get(VrrpTopics.PROP_TIMESTAMP) instanceof Number n ? n.longValue() : clock.millis();
        MailSink sink = this::enqueue;
        switch (topic) {
            case VrrpTopics.INSTANCE_STATE_CHANGED -> {
                if (notifies(p)) {
                    vrrp.instance(g, switches, str(p, VrrpTopics.PROP_INSTANCE), state(p), when, sink);
                }
            }
            case VrrpTopics.GROUP_STATE_CHANGED -> vrrp.group(g, switches, str(p, VrrpTopics.PROP_GROUP), state(p),
                    when, sink);
            case CheckTopics.CHECKER_UP, CheckTopics.CHECKER_DOWN -> {
                String rs = str(p, CheckTopics.PROP_REAL_SERVER);
                String vs = str(p, CheckTopics.PROP_VIRTUAL_SERVER);
                boolean up = topic.equals(CheckTopics.CHECKER_UP);
                String body = KeepalivedMails.checkerBody(str(p, CheckTopics.PROP_CHECKER_TYPE), up,
                        str(p, CheckTopics.PROP_REASON), FailureCause.TIMEOUT.name().equals(p.get(CheckTopics.PROP_CAUSE)),
                        str(p, PROP_BFD));
                if (checkers.checker(g, switches, rs, vs, body, when, sink)) {
                    window(rs, vs);
                }
            }
            case CheckTopics.REAL_SERVER_UP, CheckTopics.REAL_SERVER_DOWN -> {
                if (CONFIGURED.equals(p.get(CheckTopics.PROP_REASON))) {
                    return; // a real server entering the pool at start or reload: keepalived mails nothing
                }
                String rs = str(p, CheckTopics.PROP_REAL_SERVER);
                String vs = str(p, CheckTopics.PROP_VIRTUAL_SERVER);
                boolean up = topic.equals(CheckTopics.REAL_SERVER_UP);
                if (Boolean.TRUE.equals(p.get(PROP_STOPPING))) {
                    if (!up && CheckerRules.enabled(g, switches, rs, vs)) {
                        enqueue(when, KeepalivedMails.realServerRemoved(g.routerId(), rs, vs, true));
                    }
                    return;
                }
                String hint = KeepalivedMails.checkerBody(str(p, CheckTopics.PROP_CHECKER_TYPE), up,
                        str(p, CheckTopics.PROP_REASON), false, null);
                if (checkers.realServer(g, switches, rs, vs, up, hint, when, sink)) {
                    window(rs, vs);
                }
            }
            case CheckTopics.VIRTUAL_SERVER_QUORUM_UP, CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN -> quorum(g, topic, p,
                    when);
            default -> {
                // other topics (priority changes, weights, checker availability) send no mail in keepalived
            }
        }
    }

    /**
     * Whether keepalived would notify this instance transition: not when the engine says so ({@code notify} =
     * false), and not for the FAULT an instance starts in while its trackers have not reported yet (vrrp.core's
     * reason "waiting for trackers", posted without notify scripts).
     */
    static boolean notifies(Map<String, Object> p) {
        if (p.get(PROP_NOTIFY) instanceof Boolean b) {
            return b;
        }
        return !("FAULT".equals(p.get(VrrpTopics.PROP_STATE)) && "INIT".equals(p.get(VrrpTopics.PROP_PREVIOUS_STATE))
                && "waiting for trackers".equals(p.get(VrrpTopics.PROP_REASON)));
    }

    private void quorum(GlobalSettings g, String topic, Map<String, Object> p, long when) {
        String vs = str(p, CheckTopics.PROP_VIRTUAL_SERVER);
        if (!switches.virtualServer(vs).orElseGet(g::checkerDefault)) {
            return;
        }
        boolean up = topic.equals(CheckTopics.VIRTUAL_SERVER_QUORUM_UP);
        MailText m;
        if (Boolean.TRUE.equals(p.get(PROP_STOPPING))) {
            m = KeepalivedMails.quorumShutdown(g.routerId(), vs);
        } else if (p.get(PROP_QUORUM) instanceof Number q && p.get(PROP_WEIGHT_SUM) instanceof Number w) {
            long h = p.get(PROP_HYSTERESIS) instanceof Number n ? n.longValue() : 0;
            long t = p.get(PROP_THRESHOLD) instanceof Number n ? n.longValue() : q.longValue() + (up ? h : -h);
            m = KeepalivedMails.quorum(g.routerId(), vs, up, Boolean.TRUE.equals(p.get(PROP_INIT)), q.longValue(), h,
                    t, w.longValue());
        } else {
            // the engine did not give the numbers: keepalived's words without them
            m = KeepalivedMails.quorumWithoutNumbers(g.routerId(), vs, up);
        }
        enqueue(when, m);
    }

    private void window(String rs, String vs) {
        worker.schedule(() -> checkers.flush(settings, switches, rs, vs, this::enqueue), windowMillis,
                TimeUnit.MILLISECONDS);
    }

    private void enqueue(long when, MailText text) {
        GlobalSettings g = settings;
        if (!g.mailable()) {
            LOG.debug("no smtp_server or notification_email: not mailing '{}'", text.subject());
            return;
        }
        try {
            queue.add(new Alert(0, when, g.from(), g.recipients(), text.subject(), text.body()));
        } catch (IOException e) {
            LOG.error("SMTP alert queue: cannot store alert '{}': {}", text.subject(), e.getMessage());
            return;
        }
        dispatcher.kick();
    }

    private static VrrpState state(Map<String, Object> p) {
        try {
            return VrrpState.valueOf(str(p, VrrpTopics.PROP_STATE));
        } catch (IllegalArgumentException | NullPointerException e) {
            return VrrpState.INIT;
        }
    }

    private static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }
}
