package org.calpe.lvs.engine;

/**
 * An intrusive timer: the object that is due is its own queue entry, so scheduling a check allocates nothing.
 * Only the loop thread touches the fields.
 */
public abstract class Timer {
    long due;
    int heapIndex = -1;

    /** Called on the loop thread when due. */
    protected abstract void fire();

    /** Whether the timer is currently scheduled. */
    public final boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** When it is (or was last) due, {@link EngineLoop#nanoTime()} scale. */
    public final long due() {
        return due;
    }
}
