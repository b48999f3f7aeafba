package org.calpe.vrrp.core.garp;

import java.time.Duration;

/**
 * GARP keywords as configured, {@code null} where absent: either the {@code vrrp_garp_*} globals of
 * global_defs or the {@code garp_*} keywords of one vrrp_instance. {@link GarpTimings#resolve} applies
 * keepalived's inheritance.
 */
public record GarpSettings(Integer masterRepeat, Duration masterDelay, Duration refresh, Integer refreshRepeat,
        Integer lowerPrioRepeat, Duration lowerPrioDelay, Duration extraIf, Boolean extraIfAll) {

    /** Nothing configured. */
    public static GarpSettings none() {
        return new GarpSettings(null, null, null, null, null, null, null, null);
    }

    /** keepalived's set_vrrp_defaults (lower-prio left unset on purpose: it inherits, see resolve). */
    static GarpSettings keepalivedGlobals() {
        return new GarpSettings(GarpTimings.DEFAULT_REPEAT, GarpTimings.DEFAULT_DELAY, Duration.ZERO,
                GarpTimings.DEFAULT_REFRESH_REPEAT, null, null, Duration.ZERO, false);
    }

    /** This, with every absent value taken from {@code fallback}. */
    GarpSettings orDefaults(GarpSettings fallback) {
        return new GarpSettings(
                masterRepeat != null ? masterRepeat : fallback.masterRepeat,
                masterDelay != null ? masterDelay : fallback.masterDelay,
                refresh != null ? refresh : fallback.refresh,
                refreshRepeat != null ? refreshRepeat : fallback.refreshRepeat,
                lowerPrioRepeat != null ? lowerPrioRepeat : fallback.lowerPrioRepeat,
                lowerPrioDelay != null ? lowerPrioDelay : fallback.lowerPrioDelay,
                extraIf != null ? extraIf : fallback.extraIf,
                extraIfAll != null ? extraIfAll : fallback.extraIfAll);
    }
}
