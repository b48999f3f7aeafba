package org.calpe.vrrp.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private final RecordingRunner runner = new RecordingRunner();
    private final List<String> lines = new ArrayList<>();
    private final Notifier notifier = new Notifier(runner, line -> lines.add(line));

    private static final InstanceNotifyScripts ALL = InstanceNotifyScripts.NONE
            .withMaster(NotifyScript.of("/s/master"))
            .withBackup(NotifyScript.of("/s/backup b", RunAs.of("nobody", "nogroup")))
            .withFault(NotifyScript.of("/s/fault"))
            .withStop(NotifyScript.of("/s/stop"))
            .withGeneric(NotifyScript.of("/s/notify x"))
            .withMasterRxLowerPri(NotifyScript.of("/s/lower"));

    private static List<List<String>> argvs(List<ScriptRequest> rs) {
        return rs.stream().map(r -> r.command().argv()).toList();
    }

    @Test
    void specificScriptFirstThenGenericThenFifo() {
        notifier.instanceChanged("VI_1", ALL, VrrpState.BACKUP, 90);
        List<ScriptRequest> rs = runner.takeAll();
        assertEquals(List.of(List.of("/s/backup", "b"), List.of("/s/notify", "x", "INSTANCE", "VI_1", "BACKUP", "90")),
                argvs(rs));
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")), rs.get(0).runAs());
        assertEquals(Optional.empty(), rs.get(1).runAs());
        assertEquals("VRRP_Instance(VI_1) notify_backup", rs.get(0).name());
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 90"), lines);
        assertEquals(2, notifier.scriptsStarted());
    }

    @Test
    void onlyConfiguredScriptsRunButTheFifoLineIsAlwaysWritten() {
        notifier.instanceChanged("VI_2", InstanceNotifyScripts.NONE, VrrpState.MASTER, 100);
        assertEquals(List.of(), runner.takeAll());
        assertEquals(List.of("INSTANCE \"VI_2\" MASTER 100"), lines);
    }

    @Test
    void stopScriptsGetKeepalivedsOneSecondLimitOthersNone() {
        notifier.instanceChanged("VI_1", ALL, VrrpState.STOP, 100);
        List<ScriptRequest> rs = runner.takeAll();
        assertEquals(2, rs.size());
        rs.forEach(r -> assertEquals(Optional.of(NotifyPlanner.STOP_TIMEOUT), r.timeout()));
        notifier.instanceChanged("VI_1", ALL, VrrpState.MASTER, 100);
        runner.takeAll().forEach(r -> assertEquals(Optional.empty(), r.timeout()));
    }

    @Test
    void deletedWithoutNotifyDeletedIsFaultWithoutTheFaultScript() {
        notifier.instanceDeleted("VI_4", ALL, 100);
        assertEquals(List.of(List.of("/s/notify", "x", "INSTANCE", "VI_4", "FAULT", "100")), argvs(runner.takeAll()));
        assertEquals(List.of("INSTANCE \"VI_4\" FAULT 100"), lines);
    }

    @Test
    void deletedWithNotifyDeletedRunsItsScript() {
        notifier.instanceDeleted("VI_2", ALL.withDeleted(NotifyScript.of("/s/deleted")), 100);
        assertEquals(List.of(List.of("/s/deleted"), List.of("/s/notify", "x", "INSTANCE", "VI_2", "DELETED", "100")),
                argvs(runner.takeAll()));
        notifier.instanceDeleted("VI_3", ALL.withDeleted(null), 7);
        assertEquals(List.of(List.of("/s/notify", "x", "INSTANCE", "VI_3", "DELETED", "7")), argvs(runner.takeAll()));
        assertEquals(List.of("INSTANCE \"VI_2\" DELETED 100", "INSTANCE \"VI_3\" DELETED 7"), lines);
    }

    @Test
    void groupsAlwaysHavePriorityZero() {
        GroupNotifyScripts g = GroupNotifyScripts.NONE.withFault(NotifyScript.of("/s/gfault"))
                .withGeneric(NotifyScript.of("/s/gnotify"));
        notifier.groupChanged("G1", g, VrrpState.FAULT);
        List<ScriptRequest> rs = runner.takeAll();
        assertEquals(List.of(List.of("/s/gfault"), List.of("/s/gnotify", "GROUP", "G1", "FAULT", "0")), argvs(rs));
        assertEquals("VRRP_Group(G1) notify_fault", rs.get(0).name());
        assertEquals(List.of("GROUP \"G1\" FAULT 0"), lines);
    }

    @Test
    void priorityChangesOnlyWhenConfiguredAndOnlyOnTheFifo() {
        notifier.priorityChanged("VI_1", ALL, VrrpState.MASTER, 110);
        assertEquals(List.of(), lines);
        notifier.priorityChanged("VI_1", ALL.withPriorityChanges(true), VrrpState.MASTER, 110);
        notifier.priorityChanged("VI_1", ALL.withPriorityChanges(true), VrrpState.BACKUP, 90);
        notifier.priorityChanged("VI_1", ALL.withPriorityChanges(true), VrrpState.FAULT, 80);
        assertEquals(List.of(), runner.takeAll());
        assertEquals(List.of("INSTANCE \"VI_1\" MASTER_PRIORITY 110", "INSTANCE \"VI_1\" BACKUP_PRIORITY 90",
                "INSTANCE \"VI_1\" BACKUP_PRIORITY 80"), lines);
    }

    @Test
    void masterRxLowerPriRunsItsScriptWithoutArguments() {
        notifier.masterReceivedLowerPriority("VI_1", ALL, 100);
        assertEquals(List.of(List.of("/s/lower")), argvs(runner.takeAll()));
        assertEquals(List.of("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100"), lines);
    }

    @Test
    void initAndDeletedAreNotStatesToAnnounce() {
        assertThrows(IllegalArgumentException.class,
                () -> notifier.instanceChanged("VI_1", ALL, VrrpState.INIT, 100));
        assertThrows(IllegalArgumentException.class,
                () -> notifier.instanceChanged("VI_1", ALL, VrrpState.DELETED, 100));
        assertThrows(IllegalArgumentException.class,
                () -> notifier.groupChanged("G1", GroupNotifyScripts.NONE, VrrpState.DELETED));
        assertEquals(List.of(), runner.takeAll());
        assertEquals(List.of(), lines);
    }

    @Test
    void neverWaitsForTheScripts() {
        List<ScriptRequest> seen = new ArrayList<>();
        Notifier n = new Notifier(r -> {
            seen.add(r);
            return new CompletableFuture<>(); // never completes
        }, FifoSink.NONE);
        n.instanceChanged("VI_1", ALL, VrrpState.MASTER, 100);
        n.instanceChanged("VI_1", ALL, VrrpState.BACKUP, 100);
        assertEquals(4, seen.size());
    }

    @Test
    void droppedFifoLinesAreCounted() {
        Notifier n = new Notifier(runner, line -> false);
        n.instanceChanged("VI_1", InstanceNotifyScripts.NONE, VrrpState.MASTER, 100);
        assertEquals(1, n.linesDropped());
        assertTrue(runner.takeAll().isEmpty());
    }
}
