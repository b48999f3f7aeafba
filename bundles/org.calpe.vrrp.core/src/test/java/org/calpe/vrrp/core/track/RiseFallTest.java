package org.calpe.vrrp.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calpe.vrrp.core.track.RiseFall.Transition;
import org.junit.jupiter.api.Test;

class RiseFallTest {
    private static String run(RiseFall r, String results) {
        StringBuilder sb = new StringBuilder();
        for (char c : results.toCharArray()) {
            Transition t = r.record(c == 's');
            sb.append(switch (t) {
                case NONE -> '.';
                case UP -> 'U';
                case DOWN -> 'D';
            });
        }
        return sb.toString();
    }

    @Test
    void firstResultAlwaysDecides() {
        assertEquals("U", run(new RiseFall(5, 5), "s"));
        assertEquals("D", run(new RiseFall(5, 5), "f"));
    }

    @Test
    void riseTwoFallThree() {
        RiseFall r = new RiseFall(2, 3);
        assertEquals("D.U", run(r, "fss"));
        assertEquals(4, r.result());
        assertEquals("...", run(r, "ffs"));
        assertTrue(r.good());
        assertEquals("..D", run(r, "fff"));
        assertFalse(r.good());
        assertEquals(0, r.result());
        assertEquals(".....U", run(r, "sfsfss"));
    }
}
