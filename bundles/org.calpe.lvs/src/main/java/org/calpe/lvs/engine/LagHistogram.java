package org.calpe.lvs.engine;

/**
 * How late checks start: the time from a check's due time until the engine handed it to its checker. Buckets of
 * 100 µs up to 100 ms, then one overflow bucket; plus count, sum and maximum. Written by the loop thread only,
 * without allocation; read through {@link #snapshot()} on the loop thread.
 */
public final class LagHistogram {
    /** Width of one bucket in nanoseconds (100 µs). */
    public static final long BUCKET_NANOS = 100_000L;
    /** Number of regular buckets (the last, overflow bucket holds everything from 100 ms). */
    public static final int BUCKETS = 1000;

    private final long[] counts = new long[BUCKETS + 1];
    private long count;
    private long sumNanos;
    private long maxNanos;

    /** Records one lag (negative values, a timer fired early, count as 0). */
    public void record(long lagNanos) {
        long lag = Math.max(0, lagNanos);
        int i = (int) Math.min(BUCKETS, lag / BUCKET_NANOS);
        counts[i]++;
        count++;
        sumNanos += lag;
        if (lag > maxNanos) {
            maxNanos = lag;
        }
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
        count = 0;
        sumNanos = 0;
        maxNanos = 0;
    }

    public Snapshot snapshot() {
        return new Snapshot(counts.clone(), count, sumNanos, maxNanos);
    }

    /**
     * An immutable copy.
     *
     * @param counts per bucket of {@link #BUCKET_NANOS}; the last is the overflow bucket
     * @param count checks recorded
     * @param sumNanos total lag
     * @param maxNanos largest lag
     */
    public record Snapshot(long[] counts, long count, long sumNanos, long maxNanos) {
        /**
         * The lag below which {@code fraction} (0..1] of the starts fall, as the upper bound of its bucket in
         * nanoseconds ({@link #maxNanos()} for the overflow bucket); 0 when nothing was recorded.
         */
        public long percentileNanos(double fraction) {
            if (count == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(fraction * count);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return i == BUCKETS ? maxNanos : Math.min(maxNanos, (i + 1) * BUCKET_NANOS);
                }
            }
            return maxNanos;
        }

        public long meanNanos() {
            return count == 0 ? 0 : sumNanos / count;
        }

        /** One line: {@code checks=N mean_us=.. p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..}. */
        public String line() {
            return "checks=" + count + " mean_us=" + meanNanos() / 1000 + " p50_us=" + percentileNanos(0.5) / 1000
                    + " p90_us=" + percentileNanos(0.9) / 1000 + " p99_us=" + percentileNanos(0.99) / 1000
                    + " p999_us=" + percentileNanos(0.999) / 1000 + " max_us=" + maxNanos / 1000;
        }
    }
}
