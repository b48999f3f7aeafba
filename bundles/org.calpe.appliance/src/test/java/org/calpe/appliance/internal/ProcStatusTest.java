package org.calpe.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void rootWithFullCapabilities() {
        ProcStatus s = ProcStatus.parse("Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
                + "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n");
        assertEquals(0, s.effectiveUid());
        assertTrue(s.has(ProcStatus.CAP_NET_RAW));
        assertTrue(s.has(ProcStatus.CAP_NET_ADMIN));
    }

    @Test
    void userWithoutCapabilitiesUsesEffectiveNotRealUid() {
        ProcStatus s = ProcStatus.parse("Uid:\t1000\t1001\t1000\t1000\nCapEff:\t0000000000000000\n");
        assertEquals(1001, s.effectiveUid());
        assertFalse(s.has(ProcStatus.CAP_NET_RAW));
        assertFalse(s.has(ProcStatus.CAP_NET_ADMIN));
    }

    @Test
    void onlyNetRaw() {
        ProcStatus s = ProcStatus.parse("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000002000\n");
        assertTrue(s.has(ProcStatus.CAP_NET_RAW));
        assertFalse(s.has(ProcStatus.CAP_NET_ADMIN));
    }

    @Test
    void missingOrGarbledLinesMeanUnknownAndNothing() {
        ProcStatus s = ProcStatus.parse("Uid:\tx\nCapEff:\tzz\n");
        assertEquals(-1, s.effectiveUid());
        assertEquals(0, s.effectiveCaps());
        assertEquals(new ProcStatus(-1, 0), ProcStatus.parse(""));
    }
}
