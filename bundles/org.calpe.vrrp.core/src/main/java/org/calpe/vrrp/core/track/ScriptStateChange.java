package org.calpe.vrrp.core.track;

import java.util.Objects;

/**
 * A {@code vrrp_script} changed between good and bad (keepalived's {@code update_script_priorities}), or had its
 * first result. The runtime forwards it to every instance and sync group tracking the script:
 * {@code InstanceStateMachine.trackerChanged(trackerId(), up())}; the weight that applies is the tracking entry's
 * (its {@link org.calpe.vrrp.core.fsm.Tracker}), the script's own default is carried for convenience.
 *
 * @param name    the script's name
 * @param up      good (true) or bad
 * @param weight  the script's configured {@code weight}
 * @param reverse the script's {@code weight … reverse}
 */
public record ScriptStateChange(String name, boolean up, int weight, boolean reverse) {
    public ScriptStateChange {
        Objects.requireNonNull(name, "name");
    }

    /** The id of {@link org.calpe.vrrp.core.fsm.Tracker#script}'s tracker for this script. */
    public String trackerId() {
        return "script:" + name;
    }
}
