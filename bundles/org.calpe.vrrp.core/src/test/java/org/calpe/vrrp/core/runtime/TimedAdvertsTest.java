package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.ScheduledSend;
import org.junit.jupiter.api.Test;

/** A master's adverts handed to the kernel ahead of time, against a socket that records the rounds. */
class TimedAdvertsTest {
    private static final InetAddress SOURCE = VirtualIp.ip("198.18.0.1");
    private static final long MS = 1_000_000L;

    /** VRRPv3 at advert_int 0.01 (10 ms), one address. */
    private static AdvertSender sender(double advertInt) {
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 3, advertInt, "198.18.0.100/24");
        return new AdvertSender(InstanceSpec.parse(p, Map.of()));
    }

    @Test
    void theKernelHoldsTheNextAdvertsAndEachTimerTopsThemUp() {
        Rounds socket = new Rounds();
        AdvertSender sender = sender(0.01);
        TimedAdverts t = new TimedAdverts("VI_1", 10 * MS);
        long t0 = 1_000 * MS;
        t.start(t0, 150, socket, sender, SOURCE, null);
        int ahead = (int) (TimedAdverts.COVER_NANOS / (10 * MS));
        assertEquals(ahead, socket.rounds.size());
        for (int i = 0; i < ahead; i++) {
            assertEquals(t0 + (i + 1) * 10 * MS, socket.rounds.get(i).at, "one advert per interval from the start");
        }
        // the state machine's advert timer, a little late: nothing to send now, one more queued
        assertTrue(t.covered(t0 + 10 * MS + 40_000, 150, socket, sender, SOURCE, null));
        assertEquals(ahead + 1, socket.rounds.size());
        assertEquals(t0 + (ahead + 1) * 10 * MS, socket.rounds.get(ahead).at);
        socket.rounds.get(0).done = true;
        assertTrue(t.covered(t0 + 20 * MS, 150, socket, sender, SOURCE, null));
        assertEquals(ahead + 2, socket.rounds.size());
        assertEquals(ahead + 1, t.queued(), "what went out is forgotten");
        // each round is a full advert with priority 150
        byte[] advert = socket.rounds.get(3).packets.get(0);
        assertEquals(150, advert[20 + 2] & 0xff);
    }

    @Test
    void anotherPriorityIsNotCoveredAndCancelWithdrawsEverything() {
        Rounds socket = new Rounds();
        AdvertSender sender = sender(0.01);
        TimedAdverts t = new TimedAdverts("VI_1", 10 * MS);
        t.start(0, 150, socket, sender, SOURCE, null);
        assertFalse(t.covered(10 * MS, 120, socket, sender, SOURCE, null), "a new priority goes out at once");
        t.cancel();
        assertTrue(socket.rounds.stream().allMatch(r -> r.cancelled));
        assertEquals(0, t.queued());
        assertFalse(t.covered(10 * MS, 150, socket, sender, SOURCE, null), "nothing queued after a cancel");
    }

    @Test
    void aLoopAwayLongerThanTheQueueReachedStartsAgain() {
        Rounds socket = new Rounds();
        AdvertSender sender = sender(0.01);
        TimedAdverts t = new TimedAdverts("VI_1", 10 * MS);
        t.start(0, 150, socket, sender, SOURCE, null);
        long late = TimedAdverts.COVER_NANOS + 30 * MS;
        assertFalse(t.covered(late, 150, socket, sender, SOURCE, null));
        assertEquals(0, t.queued());
    }

    @Test
    void aLongIntervalKeepsOneAdvertAhead() {
        Rounds socket = new Rounds();
        AdvertSender sender = sender(1);
        TimedAdverts t = new TimedAdverts("VI_1", 1_000 * MS, true);
        t.start(0, 150, socket, sender, SOURCE, null);
        assertEquals(1, socket.rounds.size());
        assertEquals(1_000 * MS, socket.rounds.get(0).at);
        // the timer a little after the kernel sent its advert: covered (not sent twice), the next one queued
        socket.rounds.get(0).done = true;
        assertTrue(t.covered(1_000 * MS + 300_000, 150, socket, sender, SOURCE, null));
        assertEquals(2, socket.rounds.size());
        assertEquals(2_000 * MS, socket.rounds.get(1).at);
        assertEquals(1, t.queued());
    }

    @Test
    void byDefaultOnlyShortIntervalsUseTheKernel() {
        assertTrue(TimedAdverts.wanted("auto", 10 * MS));
        assertTrue(TimedAdverts.wanted("auto", 90 * MS));
        assertFalse(TimedAdverts.wanted("auto", 100 * MS));
        assertFalse(TimedAdverts.wanted("auto", 1_000 * MS));
        assertTrue(TimedAdverts.wanted("true", 1_000 * MS));
        assertFalse(TimedAdverts.wanted("false", 10 * MS));
        Rounds socket = new Rounds();
        new TimedAdverts("VI_1", 100 * MS).start(0, 150, socket, sender(0.1), SOURCE, null);
        assertEquals(0, socket.rounds.size(), "advert_int 0.1 leaves from the loop");
    }

    @Test
    void withoutKernelSupportEveryAdvertLeavesFromTheLoop() {
        Rounds socket = new Rounds();
        socket.refuse = true;
        AdvertSender sender = sender(0.01);
        TimedAdverts t = new TimedAdverts("VI_1", 10 * MS);
        t.start(0, 150, socket, sender, SOURCE, null);
        assertEquals(0, t.queued());
        assertFalse(t.covered(10 * MS, 150, socket, sender, SOURCE, null));
        socket.refuse = false;
        t.start(10 * MS, 150, socket, sender, SOURCE, null);
        assertEquals(0, socket.rounds.size(), "not tried again");
    }

    @Test
    void queuedAdvertsKeepTheIdsAndSequenceOfTheDirectPath() {
        Rounds socket = new Rounds();
        AdvertSender timedSender = sender(0.01);
        TimedAdverts t = new TimedAdverts("VI_1", 10 * MS);
        t.start(0, 150, socket, timedSender, SOURCE, null);
        AdvertSender direct = sender(0.01);
        Rounds sent = new Rounds();
        try {
            for (int i = 0; i < socket.rounds.size(); i++) {
                direct.send(sent, SOURCE, 150, null);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < socket.rounds.size(); i++) {
            assertArrayEquals(sent.sent.get(i), socket.rounds.get(i).packets.get(0), "advert " + i);
        }
    }

    /** A socket that records sends and rounds; rounds stay pending until a test says they are done. */
    private static final class Rounds extends RecordingSocket {
        final List<Round> rounds = new ArrayList<>();
        boolean refuse;

        @Override
        public ScheduledSend sendAt(long atNanos, List<byte[]> packets, List<InetAddress> destinations) {
            if (refuse) {
                return null;
            }
            Round r = new Round(atNanos, packets);
            rounds.add(r);
            return r;
        }
    }

    private static final class Round implements ScheduledSend {
        final long at;
        final List<byte[]> packets;
        boolean done;
        boolean cancelled;

        Round(long at, List<byte[]> packets) {
            this.at = at;
            this.packets = packets;
        }

        @Override
        public boolean cancel() {
            cancelled = !done;
            done = true;
            return cancelled;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }
    }
}
