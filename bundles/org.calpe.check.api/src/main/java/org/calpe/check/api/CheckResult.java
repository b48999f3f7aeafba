package org.calpe.check.api;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of one check.
 *
 * @param verdict success, failure, or no verdict
 * @param cause why it did not succeed ({@link FailureCause#NONE} exactly when the verdict is
 *        {@link Verdict#SUCCESS}; {@link FailureCause#LOCAL} exactly when it is {@link Verdict#ERROR})
 * @param reason a short text for people and logs ({@code ""} on success), e.g. "Connection refused"
 * @param latency from the start of the check until the verdict was known
 * @param weight the new weight a {@code MISC_CHECK} with {@code misc_dynamic} asks for (exit code 2–255 →
 *        code − 2); empty for every other check
 */
public record CheckResult(Verdict verdict, FailureCause cause, String reason, Duration latency, OptionalInt weight) {

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(weight, "weight");
        if ((verdict == Verdict.SUCCESS) != (cause == FailureCause.NONE)) {
            throw new IllegalArgumentException("cause " + cause + " does not fit verdict " + verdict);
        }
        if ((verdict == Verdict.ERROR) != (cause == FailureCause.LOCAL)) {
            throw new IllegalArgumentException("cause " + cause + " does not fit verdict " + verdict);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency " + latency);
        }
        if (weight.isPresent() && weight.getAsInt() < 0) {
            throw new IllegalArgumentException("negative weight " + weight.getAsInt());
        }
    }

    /** A passed check. */
    public static CheckResult success(Duration latency) {
        return new CheckResult(Verdict.SUCCESS, FailureCause.NONE, "", latency, OptionalInt.empty());
    }

    /** A passed {@code misc_dynamic} check asking for a new weight. */
    public static CheckResult success(Duration latency, int weight) {
        return new CheckResult(Verdict.SUCCESS, FailureCause.NONE, "", latency, OptionalInt.of(weight));
    }

    /** A failed check; {@code cause} is neither {@link FailureCause#NONE} nor {@link FailureCause#LOCAL}. */
    public static CheckResult failure(FailureCause cause, String reason, Duration latency) {
        return new CheckResult(Verdict.FAILURE, cause, reason, latency, OptionalInt.empty());
    }

    /** A check that could not be run (no verdict). */
    public static CheckResult error(String reason) {
        return new CheckResult(Verdict.ERROR, FailureCause.LOCAL, reason, Duration.ZERO, OptionalInt.empty());
    }

    /** True for {@link Verdict#SUCCESS}. */
    public boolean isSuccess() {
        return verdict == Verdict.SUCCESS;
    }
}
