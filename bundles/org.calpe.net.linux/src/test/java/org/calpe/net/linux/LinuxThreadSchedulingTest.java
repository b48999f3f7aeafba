package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The calling thread's scheduling class, read back from /proc/thread-self/stat (policy and rt_priority are its
 * 41st and 40th fields, nice the 19th). As root the calls take effect; without privilege the kernel's refusal
 * must reach the caller as an IOException.
 */
class LinuxThreadSchedulingTest {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private final LinuxThreadScheduling scheduling = new LinuxThreadScheduling();

    @Test
    void realtimeRoundRobinThenBackToNice() throws Exception {
        String[] result = onFreshThread(() -> {
            if (!ROOT) {
                assertThrows(IOException.class, () -> scheduling.realtime(1));
                return new String[] {"skip"};
            }
            scheduling.realtime(3);
            String[] rt = stat();
            scheduling.nice(-5);
            String[] other = stat();
            return new String[] {rt[40], rt[39], other[40], other[18]};
        });
        if (ROOT) {
            assertEquals("2", result[0], "SCHED_RR");
            assertEquals("3", result[1], "rt_priority");
            assertEquals("0", result[2], "SCHED_OTHER");
            assertEquals("-5", result[3], "nice");
        }
    }

    @Test
    void promptWakeupsHoldThePmQosDeviceOpenUntilClosed() throws Exception {
        if (!ROOT) {
            assertThrows(IOException.class, scheduling::promptWakeups); // the device is root's only
            return;
        }
        assertEquals(0, openOnQosDevice(), "held before the request");
        try (Closeable request = scheduling.promptWakeups()) {
            assertEquals(1, openOnQosDevice(), "the request is an open descriptor on the device");
        }
        assertEquals(0, openOnQosDevice(), "withdrawn on close");
    }

    /** This process's descriptors open on the PM QoS device. */
    private static long openOnQosDevice() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(LinuxThreadScheduling.CPU_DMA_LATENCY);
                } catch (IOException e) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            }).count();
        }
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeTheKernel() {
        assertThrows(IllegalArgumentException.class, () -> scheduling.realtime(0));
        assertThrows(IllegalArgumentException.class, () -> scheduling.realtime(100));
        assertThrows(IllegalArgumentException.class, () -> scheduling.nice(-21));
        assertThrows(IllegalArgumentException.class, () -> scheduling.nice(20));
    }

    /** /proc/thread-self/stat split into fields, the command name (which may hold blanks) skipped. */
    private static String[] stat() throws IOException {
        String s = Files.readString(Path.of("/proc/thread-self/stat"));
        String rest = s.substring(s.lastIndexOf(')') + 2);
        String[] tail = rest.trim().split(" ");
        String[] all = new String[tail.length + 2];
        System.arraycopy(tail, 0, all, 2, tail.length);
        return all;
    }

    private interface Task {
        String[] run() throws Exception;
    }

    private static String[] onFreshThread(Task task) throws Exception {
        CompletableFuture<String[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(task.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "sched-test");
        t.start();
        return f.get(10, TimeUnit.SECONDS);
    }
}
