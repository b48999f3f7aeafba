package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.core.garp.Announcement;
import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.garp.GarpInstance;
import org.calpe.vrrp.core.garp.GarpPacing;
import org.calpe.vrrp.core.garp.VirtualAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultEventExecutor;

/** A new master's later gratuitous ARP passes wait, with the reports, while other takeovers are near. */
class LoopClockTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();
    private final Afterwards afterwards = new Afterwards(loop);
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private AnnouncementScheduler scheduler() throws Exception {
        return loop.submit(() -> {
            AnnouncementScheduler s = new AnnouncementScheduler(new LoopClock(loop, afterwards),
                    (Announcement a) -> sent.add(a.address().getHostAddress()), GarpPacing.none());
            s.add(GarpInstance.of("VI_1", 2, List.of(VirtualAddress.on(2, InetAddress.getByName("198.18.1.1")))));
            s.add(GarpInstance.of("VI_2", 2, List.of(VirtualAddress.on(2, InetAddress.getByName("198.18.1.2")))));
            return s;
        }).get(5, TimeUnit.SECONDS);
    }

    private void awaitSent(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < n && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        Thread.sleep(20); // room for more than expected
    }

    @Test
    void laterPassesWaitForTakeoversThatAreNear() throws Exception {
        AnnouncementScheduler s = scheduler();
        loop.submit(() -> {
            afterwards.hold(); // another backup's Master_Down timer is about to expire
            s.becameMaster("VI_1");
        }).get(5, TimeUnit.SECONDS);
        Thread.sleep(30);
        assertEquals(List.of("198.18.1.1"), sent, "the first pass at once, the other four wait");
        loop.submit(() -> {
            s.becameMaster("VI_2"); // that backup takes over
            afterwards.release();
        }).get(5, TimeUnit.SECONDS);
        awaitSent(10);
        assertEquals(List.of("198.18.1.1", "198.18.1.2", "198.18.1.1", "198.18.1.1", "198.18.1.1", "198.18.1.1",
                "198.18.1.2", "198.18.1.2", "198.18.1.2", "198.18.1.2"), sent);
    }

    @Test
    void anInstanceRemovedMeanwhileSendsNoLaterPass() throws Exception {
        AnnouncementScheduler s = scheduler();
        loop.submit(() -> {
            afterwards.hold();
            s.becameMaster("VI_1");
            s.becameMaster("VI_2");
            s.remove("VI_1");
            afterwards.release();
        }).get(5, TimeUnit.SECONDS);
        awaitSent(6);
        assertEquals(List.of("198.18.1.1", "198.18.1.2", "198.18.1.2", "198.18.1.2", "198.18.1.2", "198.18.1.2"),
                sent);
    }
}
