package org.calpe.vrrp.core.track;

/**
 * keepalived's rise/fall arithmetic on a script's {@code result} counter ({@code vrrp_script_child_thread}):
 * 0…rise−1 is bad, rise…rise+fall−1 is good. A success moves a bad script one step up and makes it good after
 * {@code rise} successes in a row (a failure in between starts again from 0); a good script goes back to the top on
 * a success and goes bad after {@code fall} failures in a row.
 * <p>
 * Before the first result the counter stands at rise−1 and the first result always decides, whatever rise and fall
 * are ("one success is enough"; a failure reports down). keepalived 2.2.7 does this with {@code init_fail} as well:
 * checked on the Debian package, a script with {@code init_fail} and {@code rise 3} logs {@code succeeded} after
 * its first successful run, and its data dump (SIGUSR1) shows such a script as {@code Init state = INIT} with no
 * weight applied before the first result. Not thread-safe.
 */
final class RiseFall {
    /** What a result did. */
    enum Transition {
        NONE, UP, DOWN
    }

    private final int rise;
    private final int fall;
    private int result;
    private boolean initial = true;

    RiseFall(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
        this.rise = rise;
        this.fall = fall;
        this.result = rise - 1;
    }

    Transition record(boolean success) {
        Transition t = Transition.NONE;
        int top = rise + fall - 1;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else if (result != top) {
                if (result < rise) {
                    t = Transition.UP;
                }
                result = top;
            }
        } else if (result > rise) {
            result--;
        } else {
            if (result == rise || initial) {
                t = Transition.DOWN;
            }
            result = 0;
        }
        initial = false;
        return t;
    }

    /** No result yet. */
    boolean initial() {
        return initial;
    }

    /** At least {@code rise} (meaningful once {@link #initial()} is false). */
    boolean good() {
        return result >= rise;
    }

    int result() {
        return result;
    }
}
