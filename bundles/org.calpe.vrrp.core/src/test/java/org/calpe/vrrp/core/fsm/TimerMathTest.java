package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.calpe.vrrp.core.codec.VrrpVersion;
import org.junit.jupiter.api.Test;

class TimerMathTest {

    @Test
    void v2SkewIsAFractionOfOneSecondWhateverTheInterval() {
        assertEquals(609_375, TimerMath.skew(VrrpVersion.V2, 100, 1_000_000));
        assertEquals(609_375, TimerMath.skew(VrrpVersion.V2, 100, 5_000_000));
        assertEquals(3_906, TimerMath.skew(VrrpVersion.V2, 255, 1_000_000));
        assertEquals(3_609_375, TimerMath.masterDown(VrrpVersion.V2, 3, 100, 1_000_000));
        assertEquals(15_609_375, TimerMath.masterDown(VrrpVersion.V2, 3, 100, 5_000_000));
        assertEquals(3_906, TimerMath.skewMin(VrrpVersion.V2, 1_000_000));
    }

    @Test
    void v3SkewScalesWithTheIntervalInCentiseconds() {
        // (256 - 100) * 1 cs = 156/256 cs = 6093.75 us, truncated as keepalived does
        assertEquals(6_093, TimerMath.skew(VrrpVersion.V3, 100, 10_000));
        assertEquals(36_093, TimerMath.masterDown(VrrpVersion.V3, 3, 100, 10_000));
        assertEquals(609_375, TimerMath.skew(VrrpVersion.V3, 100, 1_000_000));
        assertEquals(781, TimerMath.skew(VrrpVersion.V3, 254, 100_000));
        assertEquals(39, TimerMath.skewMin(VrrpVersion.V3, 10_000));
    }

    @Test
    void downTimerAdvertsReplacesTheThree() {
        assertEquals(5_609_375, TimerMath.masterDown(VrrpVersion.V2, 5, 100, 1_000_000));
        assertEquals(1_609_375, TimerMath.masterDown(VrrpVersion.V2, 1, 100, 1_000_000));
    }
}
