package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertSame;

import static org.junit.jupiter.api.Assertions.assertNull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The hand-over snapshot: its file, who may use it, the instance identity and the stop-or-hand-over decision. */
class HandOverTest {
    private static final HandOver.JvmIdentity ME = new HandOver.JvmIdentity(4242, 1_700_000_000_000L);

    @TempDir
    Path dir;

    private static HandOver sample(long nano, long wall) {
        Map<String, HandOver.Saved> instances = new LinkedHashMap<>();
        instances.put("org.calpe.vrrp.Instance~VI_1", new HandOver.Saved("VI_1|51|eth0", VrrpState.MASTER, 150,
                new AuthSequence(0xFFFF_FFF0L, 7, false)));
        instances.put("org.calpe.vrrp.Instance~VI_2", new HandOver.Saved("VI_2|52|eth0|x=y;", VrrpState.BACKUP, 100,
                AuthSequence.INITIAL));
        return new HandOver(ME, wall, nano, instances, Map.of("G1", VrrpState.MASTER));
    }

    @Test
    void roundTripsThroughItsFileAndIsReadOnlyOnce() throws IOException {
        HandOverStore store = new HandOverStore(dir.resolve("sub/" + HandOverStore.FILE_NAME));
        HandOver h = sample(123_456_789L, 1_700_000_100_000L);
        store.write(h);
        assertEquals(h, store.consume().orElseThrow());
        assertFalse(Files.exists(store.file()), "consumed: deleted");
        assertTrue(store.consume().isEmpty(), "a snapshot is never used twice");
    }

    @Test
    void claimAndAbandonExcludeEachOther() throws IOException {
        HandOverStore store = new HandOverStore(dir.resolve(HandOverStore.FILE_NAME));
        store.write(sample(777L, 1_700_000_100_000L));
        assertFalse(store.taken(777L));
        assertTrue(store.claim(777L));
        assertTrue(store.claim(777L), "claiming again (another instance) is fine");
        assertTrue(store.taken(777L));
        assertFalse(store.taken(778L), "another hand-over");
        assertFalse(store.abandon(777L), "claimed: the old engine must not stop cleanly");
        assertTrue(Files.exists(store.file()));

        store.write(sample(888L, 1_700_000_100_000L));
        assertTrue(store.abandon(888L));
        assertFalse(Files.exists(store.file()), "an abandoned hand-over is never resumed");
        assertFalse(store.claim(888L), "abandoned: the next engine starts anew");
        assertFalse(store.taken(888L));
        assertTrue(store.abandon(888L));
    }

    @Test
    void aMalformedFileIsDeletedAndReported() throws IOException {
        Path f = dir.resolve(HandOverStore.FILE_NAME);
        Files.writeString(f, "format=1\njvm.pid=1\n");
        HandOverStore store = new HandOverStore(f);
        IOException e = assertThrows(IOException.class, store::consume);
        assertTrue(e.getMessage().contains("jvm.start"), e.getMessage());
        assertFalse(Files.exists(f));
        Files.writeString(f, "format=9\n");
        assertThrows(IOException.class, store::consume);
    }

    @Test
    void onlyAYoungSnapshotOfThisProcessIsUsable() {
        long nano = 5_000_000_000L;
        long wall = 1_700_000_100_000L;
        HandOver h = sample(nano, wall);
        assertTrue(h.check(ME, nano + 300_000_000L, wall + 300, 5000).usable());
        HandOver.Verdict foreign = h.check(new HandOver.JvmIdentity(4242, 1_700_000_000_001L), nano + 1, wall, 5000);
        assertFalse(foreign.usable(), "same pid, another start time: a restarted JVM (a crash) must not resume");
        assertTrue(foreign.reason().contains("another process"), foreign.reason());
        assertFalse(h.check(new HandOver.JvmIdentity(4243, ME.startMillis()), nano + 1, wall, 5000).usable());
        HandOver.Verdict stale = h.check(ME, nano + 6_000_000_000L, wall + 6000, 5000);
        assertFalse(stale.usable());
        assertTrue(stale.reason().contains("too old"), stale.reason());
        assertFalse(h.check(ME, nano - 1, wall, 5000).usable(), "from the future: not usable");
        assertFalse(h.check(ME, nano + 1, wall + 60_000, 5000).usable(), "the wall clock says it is old");
    }

    @Test
    void theCurrentJvmIdentityIsStable() {
        assertEquals(HandOver.JvmIdentity.current(), HandOver.JvmIdentity.current());
        assertEquals(ProcessHandle.current().pid(), HandOver.JvmIdentity.current().pid());
    }

    @Test
    void theIdentityIsBuiltFromValuesAndSeesWhatMatters() {
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24");
        String id = HandOver.identity(InstanceSpec.parse(p, Map.of()), null);
        assertEquals(id, HandOver.identity(InstanceSpec.parse(new LinkedHashMap<>(p), Map.of()), null),
                "equal configurations, separately parsed");
        assertFalse(id.matches(".*@[0-9a-f]{4,}.*"), "no identity hash codes: " + id);
        Map<String, Object> prio = new LinkedHashMap<>(p);
        prio.put("priority", 120);
        assertEquals(id, HandOver.identity(InstanceSpec.parse(prio, Map.of()), null),
                "a priority change keeps the instance (keepalived keeps its state on reload)");
        Map<String, Object> vrid = Engine.instance("VI_1", "eth0", 52, 150, 2, 1, "198.18.0.100/24");
        assertNotEquals(id, HandOver.identity(InstanceSpec.parse(vrid, Map.of()), null));
        Map<String, Object> vip = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.101/24");
        assertNotEquals(id, HandOver.identity(InstanceSpec.parse(vip, Map.of()), null));
    }

    @Test
    void handOverOnlyWhileTheFrameworkRunsAndTheBundleStaysStarted() {
        assertTrue(HandOverPolicy.handOver(Bundle.ACTIVE, true), "update() / refresh");
        assertFalse(HandOverPolicy.handOver(Bundle.ACTIVE, false), "explicit stop()");
        assertFalse(HandOverPolicy.handOver(Bundle.STOPPING, true), "framework shutdown");
        assertFalse(HandOverPolicy.handOver(Bundle.RESOLVED, true));
        assertTrue(HandOverPolicy.handOver(Bundle.STARTING, true), "a refresh during start-up");
    }

    @Test
    void anOfferNothingWasResumedFromIsPassedOnUnchanged() {
        Resumption r = new Resumption();
        assertNull(r.unclaimed(), "nothing offered");
        HandOver h = sample(System.nanoTime(), System.currentTimeMillis());
        r.offer(h, System.nanoTime() + 5_000_000_000L, null);
        assertSame(h, r.unclaimed(), "stopped before any configuration arrived: hand the same snapshot on");
        r.offer(h, System.nanoTime() - 1, null);
        assertNull(r.unclaimed(), "an expired offer is not passed on");
    }

    @Test
    void theResumesWaitUntilEveryInstanceAndGroupOfTheHandOverIsPrepared() {
        Resumption r = new Resumption();
        long now = System.nanoTime();
        r.offer(sample(now, System.currentTimeMillis()), now + 5_000_000_000L, now + 4_000_000_000L, null);
        assertFalse(r.gathered(), "nothing prepared yet");
        r.prepared("org.calpe.vrrp.Instance~VI_1");
        r.prepared("org.calpe.vrrp.Instance~VI_2");
        assertFalse(r.gathered(), "sync group G1 is still to come");
        r.preparedGroup("G1");
        assertTrue(r.gathered());
        assertTrue(r.gatherLeftNanos() > 3_000_000_000L);
        assertFalse(r.claimed(), "gathering claims nothing");

        r.offer(sample(now, System.currentTimeMillis()), now + 5_000_000_000L, System.nanoTime() - 1, null);
        assertTrue(r.gathered(), "the gathering time is over: what is prepared resumes");
        assertEquals(0, r.gatherLeftNanos());
    }

    @Test
    void anInstanceWhoseConfigurationChangedIsNotWaitedFor() {
        Resumption r = new Resumption();
        long now = System.nanoTime();
        Map<String, HandOver.Saved> one = new LinkedHashMap<>();
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24");
        InstanceSpec spec = InstanceSpec.parse(p, Map.of());
        one.put("pid1", new HandOver.Saved(HandOver.identity(spec, null), VrrpState.MASTER, 150,
                AuthSequence.INITIAL));
        one.put("pid2", new HandOver.Saved("VI_2|52|eth0", VrrpState.MASTER, 150, AuthSequence.INITIAL));
        r.offer(new HandOver(ME, System.currentTimeMillis(), now, one, Map.of()), now + 5_000_000_000L,
                now + 4_000_000_000L, null);
        RunKey same = new RunKey(spec, List.of(), null);
        assertTrue(r.expects("pid1", same));
        InstanceSpec moved = InstanceSpec.parse(Engine.instance("VI_2", "eth0", 53, 150, 2, 1, "198.18.0.101/24"),
                Map.of());
        assertFalse(r.expects("pid2", new RunKey(moved, List.of(), null)), "its VRID changed: it starts anew");
        r.prepared("pid1");
        assertTrue(r.gathered(), "pid2 left the hand-over: only pid1 was to come");
        assertNull(r.take("pid2", new RunKey(moved, List.of(), null)));
        assertEquals(VrrpState.MASTER, r.take("pid1", same).state());
        assertTrue(r.claimed());
    }
}
