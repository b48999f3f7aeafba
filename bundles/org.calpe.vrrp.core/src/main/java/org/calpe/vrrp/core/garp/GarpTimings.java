package org.calpe.vrrp.core.garp;

import java.time.Duration;

/**
 * The per-instance GARP/NA parameters, already resolved against global_defs (see {@link #resolve}). Times are
 * nanoseconds; 0 means "off" where keepalived treats 0 as off.
 *
 * @param masterRepeat        {@code garp_master_repeat}: packets per address in each burst on becoming MASTER (≥ 1)
 * @param masterDelayNanos    {@code garp_master_delay}: the second burst this long after becoming MASTER (0 = none)
 * @param refreshNanos        {@code garp_master_refresh}: refresh period while MASTER (0 = none)
 * @param refreshRepeat       {@code garp_master_refresh_repeat} (≥ 1)
 * @param lowerPrioRepeat     {@code garp_lower_prio_repeat}: burst when MASTER hears a lower priority advert (0 = none)
 * @param lowerPrioDelayNanos {@code garp_lower_prio_delay}: a second such burst this long after (0 = none)
 * @param extraIfNanos        {@code garp_extra_if}: period of the per-interface GARP on VMAC interfaces (0 = none)
 * @param extraIfAll          {@code garp_extra_if all}: also on non-VMAC interfaces
 */
public record GarpTimings(int masterRepeat, long masterDelayNanos, long refreshNanos, int refreshRepeat,
        int lowerPrioRepeat, long lowerPrioDelayNanos, long extraIfNanos, boolean extraIfAll) {

    /** keepalived's VRRP_GARP_REP. */
    public static final int DEFAULT_REPEAT = 5;
    /** keepalived's VRRP_GARP_DELAY. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);
    /** keepalived's VRRP_GARP_REFRESH_REP. */
    public static final int DEFAULT_REFRESH_REPEAT = 1;

    public GarpTimings {
        if (masterRepeat < 1 || refreshRepeat < 1) {
            throw new IllegalArgumentException("garp_master_repeat and garp_master_refresh_repeat must be >= 1");
        }
        if (lowerPrioRepeat < 0 || masterDelayNanos < 0 || refreshNanos < 0 || lowerPrioDelayNanos < 0
                || extraIfNanos < 0) {
            throw new IllegalArgumentException("negative GARP parameter");
        }
    }

    /** keepalived 2.2 with nothing configured: 5 at once, 5 more after 5 s, no refresh, same on lower prio. */
    public static GarpTimings keepalivedDefaults() {
        long d = DEFAULT_DELAY.toNanos();
        return new GarpTimings(DEFAULT_REPEAT, d, 0, DEFAULT_REFRESH_REPEAT, DEFAULT_REPEAT, d, 0, false);
    }

    /**
     * keepalived's inheritance: an instance starts from the vrrp_garp_master_* globals (alloc_vrrp); an unset
     * {@code garp_lower_prio_*} takes {@code vrrp_garp_lower_prio_*}, which itself defaults to the global
     * {@code vrrp_garp_master_repeat}/{@code delay} (vrrp_complete_init), not the instance's; in
     * {@code strict_mode} an unset lower-prio setting is 0; {@code garp_extra_if} unset takes
     * {@code vrrp_garp_extra_if}.
     */
    public static GarpTimings resolve(GarpSettings global, GarpSettings instance, boolean strictMode) {
        GarpSettings g = global.orDefaults(GarpSettings.keepalivedGlobals());
        int lpRepGlobal = g.lowerPrioRepeat() != null ? g.lowerPrioRepeat() : g.masterRepeat();
        Duration lpDelayGlobal = g.lowerPrioDelay() != null ? g.lowerPrioDelay() : g.masterDelay();
        GarpSettings i = instance.orDefaults(g);
        int lpRep = instance.lowerPrioRepeat() != null ? instance.lowerPrioRepeat()
                : strictMode ? 0 : lpRepGlobal;
        Duration lpDelay = instance.lowerPrioDelay() != null ? instance.lowerPrioDelay()
                : strictMode ? Duration.ZERO : lpDelayGlobal;
        // garp_extra_if comes as a pair: an instance that sets it without "all" does not inherit the global "all"
        Duration extraIf = instance.extraIf() != null ? instance.extraIf() : g.extraIf();
        boolean extraIfAll = instance.extraIf() != null ? Boolean.TRUE.equals(instance.extraIfAll())
                : Boolean.TRUE.equals(g.extraIfAll());
        return new GarpTimings(i.masterRepeat(), i.masterDelay().toNanos(), i.refresh().toNanos(),
                i.refreshRepeat(), lpRep, lpDelay.toNanos(), extraIf.toNanos(), extraIfAll);
    }
}
