package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;

/**
 * What a state machine asks the runtime to do. The machines have no side effects of their own: sending adverts,
 * changing addresses, routes and rules, gratuitous ARP/NA, notify scripts, events and log lines are all
 * expressed as these values, in keepalived's order.
 */
public sealed interface VrrpAction {

    /** What {@link AddVirtuals} and {@link RemoveVirtuals} act on. */
    enum Virtuals {
        /** {@code virtual_ipaddress} and {@code virtual_ipaddress_excluded}. */
        ADDRESSES,
        /** {@code virtual_routes}. */
        ROUTES,
        /** {@code virtual_rules}. */
        RULES
    }

    /** Log levels: keepalived logs at LOG_INFO; DETAIL lines are the ones it only logs with {@code -D}. */
    enum Level {
        INFO, DETAIL
    }

    /** Send one advert with this priority (0: the master is leaving) to the group or every unicast peer. */
    record SendAdvert(int priority) implements VrrpAction {
        public SendAdvert {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority " + priority);
            }
        }
    }

    /** Install the instance's virtual addresses, routes or rules. */
    record AddVirtuals(Virtuals what) implements VrrpAction {
        public AddVirtuals {
            Objects.requireNonNull(what, "what");
        }
    }

    /** Remove the instance's virtual addresses, routes or rules (removing what is absent succeeds). */
    record RemoveVirtuals(Virtuals what) implements VrrpAction {
        public RemoveVirtuals {
            Objects.requireNonNull(what, "what");
        }
    }

    /**
     * Start the announcements of a new master: the first burst of gratuitous ARP / unsolicited NA now
     * ({@code garp_master_repeat}), the second after {@code garp_master_delay}, then the refresh
     * ({@code garp_master_refresh}, {@code garp_master_refresh_repeat}).
     */
    record StartGarp() implements VrrpAction {
    }

    /**
     * A master resumed after a hand-over: its addresses were announced by the previous engine, so no new burst;
     * the periodic refresh ({@code garp_master_refresh}) goes on.
     */
    record ResumeGarp() implements VrrpAction {
    }

    /** Stop every pending announcement of {@link StartGarp} (the instance left MASTER). */
    record StopGarp() implements VrrpAction {
    }

    /**
     * A master received a lower priority advert and {@code garp_lower_prio_repeat} is set: send that many
     * gratuitous ARPs / NAs now, and again after {@code garp_lower_prio_delay}.
     */
    record LowerPriorityGarp() implements VrrpAction {
    }

    /**
     * The instance entered a new state: post the Event Admin event and, when {@code runNotify} is true, run the
     * notify scripts and write the FIFO line (keepalived does not notify every transition, e.g. not a FAULT
     * state found while starting).
     */
    record StateChanged(VrrpState from, VrrpState to, String reason, boolean runNotify) implements VrrpAction {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The effective priority changed (tracker weights); {@code MASTER_PRIORITY_CHANGE} etc. */
    record PriorityChanged(int from, int to) implements VrrpAction {
    }

    /** A master received a lower priority advert (keepalived's {@code MASTER_RX_LOWER_PRI} event). */
    record MasterRxLowerPriority(InetAddress source, int priority) implements VrrpAction {
        public MasterRxLowerPriority {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A sync group entered a new state (group notify scripts and events). */
    record GroupStateChanged(String group, VrrpState from, VrrpState to) implements VrrpAction {
        public GroupStateChanged {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** A log line, in keepalived's words, e.g. {@code (VI_1) Entering MASTER STATE}. */
    record Log(Level level, String message) implements VrrpAction {
        public Log {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
        }
    }
}
