package org.calpe.alert.smtp.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.calpe.alert.smtp.mail.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertQueueTest {
    @TempDir
    Path dir;

    private static Alert alert(String subject) {
        return new Alert(0, 1700000000000L, "ka@example.invalid", List.of("a@example.invalid", "b@example.invalid"),
                subject, "=> body with \u00e9 and = and : <=\nline 2");
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".alert")).count();
        }
    }

    @Test
    void survivesARestartInOrderAndUnchanged() throws IOException {
        AlertQueue q = new AlertQueue(dir, 10);
        Alert first = q.add(alert("one"));
        q.add(alert("two"));
        q.add(alert("three"));
        q.remove(first);
        AlertQueue again = new AlertQueue(dir, 10);
        List<Alert> left = again.peek(10);
        assertEquals(List.of("two", "three"), left.stream().map(Alert::subject).toList());
        assertEquals(alert("two").withSeq(left.get(0).seq()), left.get(0));
        // new alerts go after the old ones, never reusing a number
        Alert four = again.add(alert("four"));
        assertTrue(four.seq() > left.get(1).seq());
    }

    @Test
    void theOldestIsDroppedAtTheBoundAndCounted() throws IOException {
        AlertQueue q = new AlertQueue(dir, 3);
        for (int i = 1; i <= 5; i++) {
            q.add(alert("a" + i));
        }
        assertEquals(List.of("a3", "a4", "a5"), q.peek(10).stream().map(Alert::subject).toList());
        assertEquals(2, q.dropped());
        assertEquals(3, files());
        q.capacity(1);
        assertEquals(List.of("a5"), q.peek(10).stream().map(Alert::subject).toList());
        assertEquals(4, q.dropped());
        assertEquals(1, files());
        // a smaller bound at start-up trims what was left
        q.capacity(5);
        q.add(alert("a6"));
        AlertQueue small = new AlertQueue(dir, 1);
        assertEquals(List.of("a6"), small.peek(10).stream().map(Alert::subject).toList());
    }

    @Test
    void removingADroppedAlertIsHarmless() throws IOException {
        AlertQueue q = new AlertQueue(dir, 1);
        Alert a = q.add(alert("old"));
        q.add(alert("new"));
        q.remove(a);
        assertEquals(1, q.size());
    }

    @Test
    void brokenFilesAreMovedAsideAndHalfWrittenOnesIgnored() throws IOException {
        AlertQueue q = new AlertQueue(dir, 10);
        q.add(alert("good"));
        Files.writeString(dir.resolve("00000000000000000007.alert"), "format=1\nfrom=x\n");
        Files.writeString(dir.resolve("00000000000000000008.alert.tmp"), "half");
        AlertQueue again = new AlertQueue(dir, 10);
        assertEquals(List.of("good"), again.peek(10).stream().map(Alert::subject).toList());
        assertTrue(Files.exists(dir.resolve("00000000000000000007.alert.bad")));
        assertTrue(Files.notExists(dir.resolve("00000000000000000008.alert.tmp")));
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AlertQueue(dir, 0));
    }
}
