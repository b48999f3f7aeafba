package org.calpe.vrrp.core.notify;

/** Where notify FIFO lines go. Never blocks the caller. */
@FunctionalInterface
public interface FifoSink {

    /** A sink for a configuration without FIFOs. */
    FifoSink NONE = line -> true;

    /**
     * Queues one line (without its newline) for writing.
     *
     * @return false if the line was dropped (queue full or sink closed), as keepalived drops a line its
     *         non-blocking write could not place
     */
    boolean offer(String line);
}
