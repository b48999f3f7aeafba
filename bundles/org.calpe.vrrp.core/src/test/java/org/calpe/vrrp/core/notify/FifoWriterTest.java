package org.calpe.vrrp.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FifoWriterTest {

    @TempDir
    Path dir;

    @Test
    void aRealFifoReceivesTheLinesInOrder() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        FifoTestSupport.MKFIFO.mkfifo(fifo);
        try (FifoWriter w = FifoWriter.open(fifo, 16, FifoTestSupport.DAEMONS)) {
            FifoTestSupport.Reader reader = new FifoTestSupport.Reader(fifo);
            Notifier n = new Notifier(new RecordingRunner(), w);
            n.instanceChanged("VI_1", InstanceNotifyScripts.NONE, VrrpState.BACKUP, 100);
            n.groupChanged("G1", GroupNotifyScripts.NONE, VrrpState.MASTER);
            assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 100", "GROUP \"G1\" MASTER 0"), reader.take(2));
            w.close();
            reader.thread.join(5000);
            assertFalse(reader.thread.isAlive(), "the reader sees end of file once the writer closes");
            assertEquals(2, w.written());
        }
    }

    @Test
    void openingAFifoWithoutAReaderDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("lonely.fifo");
        FifoTestSupport.MKFIFO.mkfifo(fifo);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (FifoWriter w = FifoWriter.open(fifo, 16, FifoTestSupport.DAEMONS)) {
                assertTrue(w.offer("INSTANCE \"VI_1\" MASTER 100"));
            }
        });
    }

    @Test
    void withoutAReaderLinesAreDroppedOnceThePipeAndQueueAreFullButTheCallerNeverBlocks() throws Exception {
        Path fifo = dir.resolve("full.fifo");
        FifoTestSupport.MKFIFO.mkfifo(fifo);
        FifoWriter w = FifoWriter.open(fifo, 8, FifoTestSupport.DAEMONS);
        String line = "INSTANCE \"" + "V".repeat(200) + "\" MASTER 100";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5000; i++) { // ~1 MB: far beyond the 64 KiB pipe buffer
                w.offer(line);
            }
        });
        assertTrue(w.dropped() > 0, "lines beyond pipe + queue are dropped");
        assertTrue(w.written() < 5000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> w.close(Duration.ofMillis(100)),
                "closing ends a write blocked on the full pipe");
        assertFalse(w.offer(line), "closed");
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        Path fifo = dir.resolve("real.fifo");
        FifoTestSupport.MKFIFO.mkfifo(fifo);
        Path link = Files.createSymbolicLink(dir.resolve("link.fifo"), fifo);
        assertThrows(IOException.class, () -> FifoWriter.open(link, 4, FifoTestSupport.DAEMONS));
    }

    @Test
    void notifyFifosCreatesRunsTheScriptOpensAndRemovesWhatItCreated() throws Exception {
        Path created = dir.resolve("created.fifo");
        Path existing = dir.resolve("existing.fifo");
        FifoTestSupport.MKFIFO.mkfifo(existing);
        RecordingRunner runner = new RecordingRunner();
        NotifyFifos fifos = NotifyFifos.open(List.of(
                new NotifyFifoConfig("notify_fifo", created, Optional.of(NotifyScript.of("/bin/reader 'a b'"))),
                new NotifyFifoConfig("vrrp_notify_fifo", existing, Optional.empty()),
                new NotifyFifoConfig("vrrp_notify_fifo", dir.resolve("no/such/dir.fifo"), Optional.empty())),
                runner, FifoTestSupport.MKFIFO, FifoTestSupport.DAEMONS, 8);
        assertEquals(List.of(List.of("/bin/reader", "a b", created.toString())),
                runner.takeAll().stream().map(r -> r.command().argv()).toList());
        assertEquals(2, fifos.writers().size());
        assertEquals(1, fifos.problems().size(), fifos.problems().toString());
        FifoTestSupport.Reader r1 = new FifoTestSupport.Reader(created);
        FifoTestSupport.Reader r2 = new FifoTestSupport.Reader(existing);
        assertTrue(r1.awaitOpen(), "the reader opened the created FIFO");
        assertTrue(r2.awaitOpen(), "the reader opened the existing FIFO");
        assertTrue(fifos.offer("INSTANCE \"VI_1\" STOP 100"));
        fifos.close();
        assertEquals(List.of("INSTANCE \"VI_1\" STOP 100"), r1.take(1), "queued lines are written before closing");
        assertEquals(List.of("INSTANCE \"VI_1\" STOP 100"), r2.take(1));
        assertFalse(Files.exists(created), "a FIFO created here is removed");
        assertTrue(Files.exists(existing), "a FIFO that was there stays");
    }
}
