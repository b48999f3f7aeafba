package org.calpe.vrrp.core.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class GarpTimingsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void nothingConfiguredGivesKeepalivedDefaults() {
        GarpTimings t = GarpTimings.resolve(GarpSettings.none(), GarpSettings.none(), false);
        assertEquals(GarpTimings.keepalivedDefaults(), t);
        assertEquals(new GarpTimings(5, 5 * S, 0, 1, 5, 5 * S, 0, false), t);
    }

    @Test
    void lowerPrioInheritsTheGlobalMasterValuesNotTheInstances() {
        GarpSettings global = new GarpSettings(3, Duration.ofSeconds(2), null, null, null, null, null, null);
        GarpSettings inst = new GarpSettings(7, Duration.ofSeconds(9), Duration.ofSeconds(60), 2,
                null, null, null, null);
        GarpTimings t = GarpTimings.resolve(global, inst, false);
        assertEquals(new GarpTimings(7, 9 * S, 60 * S, 2, 3, 2 * S, 0, false), t);
    }

    @Test
    void globalLowerPrioAndInstanceOverride() {
        GarpSettings global = new GarpSettings(null, null, null, null, 4, Duration.ofSeconds(1), null, null);
        assertEquals(4, GarpTimings.resolve(global, GarpSettings.none(), false).lowerPrioRepeat());
        GarpSettings inst = new GarpSettings(null, null, null, null, 0, Duration.ZERO, null, null);
        GarpTimings t = GarpTimings.resolve(global, inst, false);
        assertEquals(0, t.lowerPrioRepeat());
        assertEquals(0, t.lowerPrioDelayNanos());
    }

    @Test
    void strictModeZeroesUnsetLowerPrio() {
        GarpTimings t = GarpTimings.resolve(GarpSettings.none(), GarpSettings.none(), true);
        assertEquals(0, t.lowerPrioRepeat());
        assertEquals(0, t.lowerPrioDelayNanos());
        assertEquals(5, t.masterRepeat());
    }

    @Test
    void garpExtraIfIsInheritedAsAPair() {
        GarpSettings global = new GarpSettings(null, null, null, null, null, null, Duration.ofSeconds(10), true);
        GarpTimings inherited = GarpTimings.resolve(global, GarpSettings.none(), false);
        assertEquals(10 * S, inherited.extraIfNanos());
        assertEquals(true, inherited.extraIfAll());
        GarpSettings inst = new GarpSettings(null, null, null, null, null, null, Duration.ofSeconds(3), null);
        GarpTimings own = GarpTimings.resolve(global, inst, false);
        assertEquals(3 * S, own.extraIfNanos());
        assertEquals(false, own.extraIfAll());
    }

    @Test
    void invalidValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GarpTimings(0, 0, 0, 1, 0, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new GarpTimings(1, -1, 0, 1, 0, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> GarpPacing.builder().group(null, null, List.of(2)));
        assertThrows(IllegalArgumentException.class, () -> GarpPacing.builder()
                .group(Duration.ofMillis(1), null, List.of(2)).group(Duration.ofMillis(2), null, List.of(2)));
    }
}
