package org.calpe.vrrp.core.runtime;

/**
 * The hand-over between an old engine that bridges (its masters go on advertising) and the next engine. One
 * atomic outcome per hand-over decides who wins if both act at once: the next engine {@link #claim claims} it
 * before it resumes its first instance, or the old engine {@link #abandon abandons} it when nobody came in time
 * and then stops as a real stop does. Never both.
 */
interface HandOverLink {
    /** Next engine: takes hand-over {@code id}; false if the old engine abandoned it (then start anew). */
    boolean claim(long id);

    /** Old engine: true once the next engine has claimed hand-over {@code id}. */
    boolean taken(long id);

    /** Old engine: withdraws hand-over {@code id}; false if the next engine claimed it first. */
    boolean abandon(long id);
}
