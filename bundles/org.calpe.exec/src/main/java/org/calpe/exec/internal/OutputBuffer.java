package org.calpe.exec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first {@code limit} bytes a script writes; the rest is read and dropped, so a chatty script never blocks on
 * a full pipe. Reads only what {@link InputStream#available()} reports and so never blocks the polling thread,
 * even when a background child of the script keeps the pipe open.
 */
final class OutputBuffer {
    /** Upper bound per poll, so one flooding script cannot hold the polling thread. */
    private static final int BUDGET_PER_POLL = 1 << 20;

    private final byte[] kept;
    private int size;
    private long total;
    private final byte[] scratch = new byte[8192];

    OutputBuffer(int limit) {
        this.kept = new byte[limit];
    }

    /** Reads what is available now; returns false when the stream is at its end or broken. */
    boolean poll(InputStream in) {
        int budget = BUDGET_PER_POLL;
        try {
            while (budget > 0) {
                int available = in.available();
                if (available <= 0) {
                    return true;
                }
                int n = in.read(scratch, 0, Math.min(Math.min(available, scratch.length), budget));
                if (n < 0) {
                    return false;
                }
                keep(n);
                budget -= n;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void keep(int n) {
        int room = kept.length - size;
        if (room > 0) {
            int k = Math.min(room, n);
            System.arraycopy(scratch, 0, kept, size, k);
            size += k;
        }
        total += n;
    }

    boolean truncated() {
        return total > size;
    }

    long total() {
        return total;
    }

    String text() {
        return new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
    }
}
