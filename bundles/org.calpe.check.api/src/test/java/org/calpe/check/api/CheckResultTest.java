package org.calpe.check.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class CheckResultTest {

    @Test
    void factoriesPairVerdictAndCause() {
        CheckResult ok = CheckResult.success(Duration.ofMillis(3));
        assertTrue(ok.isSuccess());
        assertEquals(FailureCause.NONE, ok.cause());
        assertEquals(OptionalInt.empty(), ok.weight());

        CheckResult down = CheckResult.failure(FailureCause.REFUSED, "Connection refused", Duration.ofMillis(1));
        assertEquals(Verdict.FAILURE, down.verdict());
        assertFalse(down.isSuccess());

        CheckResult err = CheckResult.error("bind failed");
        assertEquals(Verdict.ERROR, err.verdict());
        assertEquals(FailureCause.LOCAL, err.cause());

        assertEquals(OptionalInt.of(7), CheckResult.success(Duration.ZERO, 7).weight());
    }

    @Test
    void rejectsInconsistentResults() {
        assertThrows(IllegalArgumentException.class,
                () -> CheckResult.failure(FailureCause.NONE, "x", Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> CheckResult.failure(FailureCause.LOCAL, "x", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CheckResult(Verdict.ERROR, FailureCause.TIMEOUT,
                "x", Duration.ZERO, OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> CheckResult.success(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> CheckResult.success(Duration.ZERO, -1));
    }
}
