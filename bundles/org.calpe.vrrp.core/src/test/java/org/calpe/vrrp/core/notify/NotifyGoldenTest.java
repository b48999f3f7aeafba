package org.calpe.vrrp.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays keepalived 2.2.7's notifications (src/test/resources/notify-golden, captured by
 * scripts/tools/notify-golden.sh) through the {@link Notifier} with the same notify configuration, real FIFOs in a
 * temporary directory, and compares, step by step, the scripts started (user and argv, in order) and the lines
 * read back from the FIFOs.
 * <p>
 * The sequence of notifications per step is taken from keepalived's own notify FIFO (which state changes happen is
 * the state machine's concern); the argv, the users, the order of the scripts and the FIFO text are the Notifier's.
 */
class NotifyGoldenTest {

    @TempDir
    Path dir;

    /** The notify settings of one golden configuration (mirrors the scenario's .conf, which is checked). */
    private record Setup(Map<String, InstanceNotifyScripts> instances, Map<String, GroupNotifyScripts> groups,
            Set<String> deletedOnReload) {
    }

    private NotifyScript sh(String words) {
        return NotifyScript.of(dir + "/" + words);
    }

    private Setup instanceSetup() {
        InstanceNotifyScripts vi1 = InstanceNotifyScripts.NONE
                .withMaster(sh("log.sh master 'two words' \"double quoted\""))
                .withBackup(new NotifyScript(org.calpe.exec.api.ScriptCommand.of(dir + "/log-noargs.sh"),
                        Optional.of(RunAs.user("nobody"))))
                .withFault(sh("log.sh fault"))
                .withStop(sh("log.sh stop"))
                .withGeneric(sh("log.sh generic"))
                .withMasterRxLowerPri(sh("log.sh rx_lower"))
                .withPriorityChanges(true);
        return new Setup(Map.of("VI_1", vi1), Map.of(), Set.of());
    }

    private Setup syncSetup() {
        InstanceNotifyScripts vi1 = InstanceNotifyScripts.NONE.withMaster(sh("log.sh vi1_master"))
                .withBackup(sh("log.sh vi1_backup")).withFault(sh("log.sh vi1_fault"))
                .withStop(sh("log.sh vi1_stop")).withGeneric(sh("log.sh vi1_generic"));
        InstanceNotifyScripts vi2 = InstanceNotifyScripts.NONE.withGeneric(sh("log.sh vi2_generic"));
        GroupNotifyScripts g1 = GroupNotifyScripts.NONE.withMaster(sh("log.sh group_master"))
                .withBackup(sh("log.sh group_backup")).withFault(sh("log.sh group_fault"))
                .withStop(sh("log.sh group_stop")).withGeneric(sh("log.sh group_generic"));
        return new Setup(Map.of("VI_1", vi1, "VI_2", vi2), Map.of("G1", g1), Set.of());
    }

    private Setup deletedSetup() {
        Map<String, InstanceNotifyScripts> m = new HashMap<>();
        m.put("VI_1", InstanceNotifyScripts.NONE.withGeneric(sh("log.sh vi1_generic")));
        m.put("VI_2", InstanceNotifyScripts.NONE.withDeleted(sh("log.sh vi2_deleted")).withFault(sh("log.sh vi2_fault"))
                .withStop(sh("log.sh vi2_stop")).withGeneric(sh("log.sh vi2_generic")));
        m.put("VI_3", InstanceNotifyScripts.NONE.withDeleted(null).withFault(sh("log.sh vi3_fault"))
                .withGeneric(sh("log.sh vi3_generic")));
        m.put("VI_4", InstanceNotifyScripts.NONE.withFault(sh("log.sh vi4_fault")).withStop(sh("log.sh vi4_stop"))
                .withGeneric(sh("log.sh vi4_generic")));
        return new Setup(m, Map.of(), Set.of("VI_2", "VI_3", "VI_4"));
    }

    @Test
    void instanceScenario() throws Exception {
        replay("instance", instanceSetup());
    }

    @Test
    void syncGroupScenario() throws Exception {
        replay("sync-group", syncSetup());
    }

    @Test
    void deletedScenario() throws Exception {
        replay("deleted", deletedSetup());
    }

    private void replay(String scenario, Setup setup) throws Exception {
        NotifyGolden golden = NotifyGolden.load(scenario, dir.toString());
        checkConfMentions(golden, setup, dir.toString());
        assertFalse(golden.steps().isEmpty());

        List<NotifyFifoConfig> fifos = List.of(
                new NotifyFifoConfig("notify_fifo", dir.resolve("notify.fifo"), Optional.empty()),
                new NotifyFifoConfig("vrrp_notify_fifo", dir.resolve("vrrp.fifo"),
                        Optional.of(NotifyScript.of(dir + "/fifo-reader.sh vrrp"))));
        RecordingRunner runner = new RecordingRunner();
        NotifyFifos open = null;
        FifoTestSupport.Reader notifyReader = null;
        FifoTestSupport.Reader vrrpReader = null;
        Map<String, VrrpState> states = new HashMap<>();
        try {
            for (NotifyGolden.Step step : golden.steps()) {
                String where = scenario + "/" + step.name();
                if (step.name().equals("start") || step.name().equals("reload")) {
                    // keepalived (re)opens its FIFOs, starting the FIFO scripts, before any notification
                    if (open != null) {
                        open.close();
                        notifyReader.thread.join(5000);
                        vrrpReader.thread.join(5000);
                    }
                    open = NotifyFifos.open(fifos, runner, FifoTestSupport.MKFIFO, FifoTestSupport.DAEMONS, 64);
                    assertEquals(List.of(), open.problems(), where);
                    notifyReader = new FifoTestSupport.Reader(dir.resolve("notify.fifo"));
                    vrrpReader = new FifoTestSupport.Reader(dir.resolve("vrrp.fifo"));
                }
                Notifier notifier = new Notifier(runner, open);
                for (String line : step.notifyFifo()) {
                    replayLine(notifier, setup, step.name(), line, states);
                }
                List<NotifyGolden.Run> actual = new ArrayList<>();
                for (ScriptRequest r : runner.takeAll()) {
                    actual.add(new NotifyGolden.Run(r.runAs().map(RunAs::user).orElse("root"), r.command().argv()));
                }
                assertEquals(step.runs(), actual, where + ": scripts started");
                assertEquals(step.notifyFifo(), notifyReader.take(step.notifyFifo().size()), where + ": notify_fifo");
                List<String> vrrpLines = vrrpReader.take(step.notifyFifo().size());
                assertEquals(step.notifyFifo(), vrrpLines, where + ": vrrp_notify_fifo");
                if (!step.name().equals("stop")) {
                    // keepalived ends its own FIFO script at shutdown, which then may not log the STOP lines
                    assertEquals(step.notifyFifo(), step.vrrpFifo(), where + ": golden's two FIFOs agree");
                }
                assertEquals(0, notifier.linesDropped(), where);
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }

    /** Turns one of keepalived's FIFO lines back into the notification that produced it, and carries it out. */
    private static void replayLine(Notifier n, Setup setup, String step, String line, Map<String, VrrpState> states) {
        String[] f = line.split(" ");
        assertEquals(4, f.length, line);
        String name = f[1].substring(1, f[1].length() - 1);
        int prio = Integer.parseInt(f[3]);
        if (f[0].equals("GROUP")) {
            n.groupChanged(name, setup.groups().get(name), VrrpState.valueOf(f[2]));
            return;
        }
        InstanceNotifyScripts s = setup.instances().get(name);
        switch (f[2]) {
            case "MASTER_PRIORITY", "BACKUP_PRIORITY" -> n.priorityChanged(name, s, states.get(name), prio);
            case "MASTER_RX_LOWER_PRI" -> n.masterReceivedLowerPriority(name, s, prio);
            case "DELETED" -> n.instanceDeleted(name, s, prio);
            default -> {
                VrrpState st = VrrpState.valueOf(f[2]);
                if (step.equals("reload") && setup.deletedOnReload().contains(name)) {
                    assertEquals(VrrpState.FAULT, st, line);
                    n.instanceDeleted(name, s, prio);
                } else {
                    states.put(name, st);
                    n.instanceChanged(name, s, st, prio);
                }
            }
        }
    }

    /** Guards against the test's mirror of the configuration drifting from the golden .conf. */
    private static void checkConfMentions(NotifyGolden golden, Setup setup, String dir) {
        List<NotifyScript> all = new ArrayList<>();
        for (InstanceNotifyScripts s : setup.instances().values()) {
            for (Optional<NotifyScript> o : List.of(s.master(), s.backup(), s.fault(), s.stop(), s.deleted(),
                    s.generic(), s.masterRxLowerPri())) {
                o.ifPresent(all::add);
            }
        }
        for (GroupNotifyScripts s : setup.groups().values()) {
            for (Optional<NotifyScript> o : List.of(s.master(), s.backup(), s.fault(), s.stop(), s.generic())) {
                o.ifPresent(all::add);
            }
        }
        for (NotifyScript s : all) {
            List<String> argv = s.command().argv();
            String prog = s.command().program().replace(dir, "@DIR@");
            assertTrue(golden.conf().contains(argv.size() > 1 ? prog + " " + argv.get(1) : prog),
                    golden.scenario() + ".conf lacks " + s.command());
        }
    }
}
