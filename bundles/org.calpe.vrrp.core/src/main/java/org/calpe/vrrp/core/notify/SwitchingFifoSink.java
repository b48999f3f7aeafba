package org.calpe.vrrp.core.notify;

import java.util.Objects;

/**
 * A {@link FifoSink} whose target can be replaced while lines flow: the notifier keeps one sink for its whole
 * life, and a reload that changes {@code notify_fifo} swaps the FIFOs behind it.
 */
public final class SwitchingFifoSink implements FifoSink {
    private volatile FifoSink target = FifoSink.NONE;

    /** Lines go to {@code next} from now on. */
    public void target(FifoSink next) {
        target = Objects.requireNonNull(next, "next");
    }

    @Override
    public boolean offer(String line) {
        return target.offer(line);
    }
}
