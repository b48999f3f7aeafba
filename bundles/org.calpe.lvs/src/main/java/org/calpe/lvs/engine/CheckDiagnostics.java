package org.calpe.lvs.engine;

/**
 * Internal service of this bundle (not exported) for the Gogo commands and the scheduling benchmark: the lag of
 * every check start, due time → handed to the checker.
 */
public interface CheckDiagnostics {
    /** A copy of the lag histogram since the start or the last {@link #resetLag()}. */
    LagHistogram.Snapshot lag();

    void resetLag();

    /** Number of checked real servers. */
    int realServerCount();
}
