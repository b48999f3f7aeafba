package org.calpe.vrrp.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpState;

/**
 * What one engine leaves to the next when its bundle is updated or refreshed (a hand-over): the state of every
 * instance and sync group, and who wrote it and when, so that only the next engine in the same JVM, a moment
 * later, uses it. Written by {@link HandOverStore}.
 * <p>
 * The sequence: the old engine's deactivation ({@link HandOverPolicy} says it is no real stop) saves this; its
 * masters go on advertising ("bridge") with nothing else running; the next engine's activation consumes it
 * (deletes it at once; a foreign or stale one is ignored, so a crashed JVM's snapshot never makes a node
 * MASTER), and when an instance's configuration arrives with the same {@link #identity} it claims the
 * hand-over ({@link HandOverLink}) and resumes the instance in its saved state: a MASTER advertises at once
 * and keeps its addresses, a BACKUP restarts its Master_Down timer; no notify script, no state event. The
 * old engine sees the claim and ends its bridge silently. If nobody claims within the bridge time, the old
 * engine abandons the hand-over and stops as a real stop does (priority 0, addresses released).
 *
 * @param jvm the JVM that wrote it
 * @param wallMillis {@link System#currentTimeMillis()} when it was written
 * @param nanoTime {@link System#nanoTime()} when it was written (comparable in the same JVM only)
 * @param instances by {@code org.calpe.vrrp.Instance} PID
 * @param groups the state of each running sync group, by name
 */
record HandOver(JvmIdentity jvm, long wallMillis, long nanoTime, Map<String, Saved> instances,
        Map<String, VrrpState> groups) {

    HandOver {
        Objects.requireNonNull(jvm, "jvm");
        instances = Map.copyOf(instances);
        groups = Map.copyOf(groups);
    }

    /**
     * One instance as it was handed over.
     *
     * @param identity {@link #identity(InstanceSpec, SyncGroupSpec)} of the spec it ran with
     * @param state its state (MASTER and BACKUP resume; anything else starts normally)
     * @param priority its effective priority (for the log and the status)
     * @param sequence its AH sequence numbers (a keepalived peer drops adverts whose number does not go up)
     */
    record Saved(String identity, VrrpState state, int priority, AuthSequence sequence) {
        Saved {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(sequence, "sequence");
        }
    }

    /**
     * The process this engine runs in: its pid and start time. A snapshot from another process (a crashed or
     * restarted JVM) never matches, even if the pid is reused.
     */
    record JvmIdentity(long pid, long startMillis) {
        static JvmIdentity current() {
            ProcessHandle p = ProcessHandle.current();
            return new JvmIdentity(p.pid(), p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L));
        }
    }

    /**
     * What must be equal for a saved instance to resume under a (possibly changed) configuration: the name,
     * VRID, interface, family, version, advert interval, authentication, addresses and sync group. Built from
     * values only (no toString of library objects), so it is the same in the next version of the bundle.
     */
    static String identity(InstanceSpec spec, SyncGroupSpec group) {
        StringBuilder b = new StringBuilder();
        b.append(spec.name()).append('|').append(spec.vrid()).append('|').append(spec.interfaceName()).append('|')
                .append(spec.family().name()).append('|').append(spec.version().number()).append('|')
                .append(spec.advertIntervalMicros()).append('|').append(spec.authType().name()).append('|')
                .append(Integer.toHexString(spec.authPass() == null ? 0 : spec.authPass().hashCode())).append('|')
                .append(group == null ? "" : group.name());
        for (List<VirtualIp> list : List.of(spec.vips(), spec.excludedVips())) {
            b.append('|');
            for (VirtualIp v : list) {
                b.append(v.line()).append(';');
            }
        }
        return b.toString();
    }

    /**
     * Whether a reload from {@code before} to {@code after} may keep the running instance's state (keepalived
     * does for an instance that still exists): the same name, VRID, interface, family, version and
     * authentication, and neither in a sync group (a group restarts as a whole).
     */
    static boolean sameInstance(RunKey before, RunKey after) {
        if (before == null || after == null || before.group() != null || after.group() != null) {
            return false;
        }
        InstanceSpec a = before.spec();
        InstanceSpec b = after.spec();
        return a.name().equals(b.name()) && a.vrid() == b.vrid() && a.interfaceName().equals(b.interfaceName())
                && a.family() == b.family() && a.version() == b.version() && a.authType() == b.authType()
                && java.util.Objects.equals(a.authPass(), b.authPass()) && a.unicast() == b.unicast();
    }

    /** Whether this snapshot may be used by an engine of {@code now} at {@code nowNanos}, within {@code maxAgeMillis}. */
    Verdict check(JvmIdentity now, long nowNanos, long nowWallMillis, long maxAgeMillis) {
        if (!jvm.equals(now)) {
            return new Verdict(false, "written by another process (pid " + jvm.pid() + ", started "
                    + jvm.startMillis() + "; this is pid " + now.pid() + ")");
        }
        long ageNanos = nowNanos - nanoTime;
        long ageWall = nowWallMillis - wallMillis;
        if (ageNanos < 0 || ageNanos > maxAgeMillis * 1_000_000L || ageWall < -1000 || ageWall > maxAgeMillis + 1000) {
            return new Verdict(false, "too old (" + ageNanos / 1_000_000L + " ms, limit " + maxAgeMillis + " ms)");
        }
        return new Verdict(true, "written " + ageNanos / 1_000_000L + " ms ago by this process");
    }

    /** The outcome of {@link #check}. */
    record Verdict(boolean usable, String reason) {
    }
}
