package org.calpe.vrrp.core.fsm;

import java.util.Objects;

/**
 * One thing an instance tracks ({@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process}, or the instance's own interface), with keepalived's weight semantics:
 * <ul>
 * <li>weight 0: the instance goes to FAULT while the tracker is down (up, with {@code reverse});</li>
 * <li>weight &gt; 0: added to the priority while up; weight &lt; 0: added while down ({@code reverse} negates
 * the contribution);</li>
 * <li>{@link Kind#FILE}: the file's number × weight (× −1 with {@code reverse}) is added, capped at 253; −254 or
 * less means FAULT; with weight 0 a non-zero number means FAULT (zero, with {@code reverse}).</li>
 * </ul>
 *
 * @param id the runtime's key for the tracker, unique within the instance (e.g. the script name)
 * @param kind what is tracked, for log messages and {@link Kind#FILE} arithmetic
 * @param name the interface, script, file or process name as configured
 * @param weight −253…253 (−254…254 for files)
 * @param reverse {@code reverse} / {@code weight … reverse}
 * @param initiallyDown the state before the first result is known: scripts with {@code init_fail} start down;
 *        other scripts start unknown (weight 0: the instance waits in FAULT; weighted: no contribution)
 */
public record Tracker(String id, Kind kind, String name, int weight, boolean reverse, boolean initiallyDown) {

    /** What is tracked. */
    public enum Kind {
        INTERFACE, SCRIPT, FILE, PROCESS, BFD
    }

    public Tracker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        int max = kind == Kind.FILE ? 254 : 253;
        if (weight < -max || weight > max) {
            throw new IllegalArgumentException("weight " + weight + " outside [-" + max + ", " + max + "]");
        }
    }

    /** An interface (known up at start unless the runtime says otherwise). */
    public static Tracker iface(String name, int weight, boolean reverse) {
        return new Tracker("if:" + name, Kind.INTERFACE, name, weight, reverse, false);
    }

    /** A {@code vrrp_script}. */
    public static Tracker script(String name, int weight, boolean reverse, boolean initFail) {
        return new Tracker("script:" + name, Kind.SCRIPT, name, weight, reverse, initFail);
    }

    /** A {@code track_file}. */
    public static Tracker file(String name, int weight, boolean reverse) {
        return new Tracker("file:" + name, Kind.FILE, name, weight, reverse, false);
    }
}
