package org.calpe.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;
import org.calpe.exec.api.ScriptResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real processes: small /bin/sh scripts in a temporary directory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptExecutorTest {
    @TempDir
    Path dir;

    private final ProcessTable table = ProcessTable.system();
    private final List<ScriptExecutor> executors = new ArrayList<>();

    @AfterEach
    void close() {
        executors.forEach(ScriptExecutor::close);
    }

    private ScriptExecutor executor(int max, int queue) {
        Settings s = new Settings(max, queue, Optional.empty(), Duration.ofMillis(10), Duration.ofSeconds(4),
                "/usr/bin/setsid", "/usr/bin/setpriv", "/bin/sh", Settings.inheritedEnvironment(System.getenv()));
        ScriptExecutor e = new ScriptExecutor(s, UserDatabase.system(), table);
        executors.add(e);
        return e;
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static ScriptResult await(java.util.concurrent.CompletionStage<ScriptResult> stage) throws Exception {
        return stage.toCompletableFuture().get(25, TimeUnit.SECONDS);
    }

    private static ScriptRequest request(String commandLine) {
        return ScriptRequest.of("test", ScriptCommand.parse(commandLine));
    }

    private boolean gone(long pid) {
        return table.entry(pid).map(e -> !e.live()).orElse(true);
    }

    private static List<Long> pids(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                out.add(Long.parseLong(l.trim()));
            }
        }
        return out;
    }

    private static void waitForLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && pids(file).size() >= n) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + n + " pids in " + file);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 2, 255 })
    void exitCodesAreReported(int code) throws Exception {
        Path s = script("exit.sh", "exit $1");
        ScriptResult r = await(executor(4, 4).run(request(s + " " + code)));
        assertEquals(Outcome.EXITED, r.outcome(), r::toString);
        assertEquals(code, r.exitCode());
        assertEquals(ExecMode.DIRECT, r.mode());
        assertEquals(code == 0, r.succeeded());
        assertEquals(0, r.signal());
    }

    /** Field 41 of /proc/[pid]/stat (or of thread-self): the scheduling policy, 0 = SCHED_OTHER, 2 = SCHED_RR. */
    private static int policy(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(f[41 - 3]);
    }

    @Test
    void scriptsRunInTheOrdinaryClassWhenTheCallerIsRealTime() throws Exception {
        // the VRRP and check engine threads run SCHED_RR: a script they ask for must not (keepalived's do not)
        Path out = dir.resolve("policy");
        Path s = script("policy.sh", "cut -d')' -f2- /proc/$$/stat | awk '{print $39}' > " + out);
        ScriptExecutor e = executor(4, 4);
        java.util.concurrent.CompletableFuture<ScriptResult> result = new java.util.concurrent.CompletableFuture<>();
        int[] callerPolicy = new int[1];
        Thread caller = new Thread(() -> {
            try {
                String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
                Process chrt = new ProcessBuilder("chrt", "-r", "-p", "1", tid).inheritIO().start();
                if (chrt.waitFor() != 0) {
                    throw new IllegalStateException("chrt -r -p 1 " + tid + " failed");
                }
                callerPolicy[0] = policy(Files.readString(Path.of("/proc/thread-self/stat")));
                e.run(request(s.toString())).whenComplete((r, x) -> {
                    if (x != null) {
                        result.completeExceptionally(x);
                    } else {
                        result.complete(r);
                    }
                });
            } catch (Exception x) {
                result.completeExceptionally(x);
            }
        }, "rt-caller");
        caller.start();
        ScriptResult r = await(result);
        caller.join(5000);
        assertEquals(2, callerPolicy[0], "the calling thread runs SCHED_RR");
        assertEquals(Outcome.EXITED, r.outcome(), r::toString);
        assertEquals("0", Files.readString(out).trim(), "the script's policy (0: SCHED_OTHER)");
    }

    @Test
    void timeoutKillsTheWholeGroupEvenWhenTermIsIgnored() throws Exception {
        Path pidFile = dir.resolve("pids");
        Path s = script("stubborn.sh", "trap '' TERM\n"
                + "( trap '' TERM; sleep 60 ) &\n"
                + "sleep 60 &\n"
                + "echo $$ >> " + pidFile + "; echo $! >> " + pidFile + "\n"
                + "while :; do sleep 0.05; done");
        long t0 = System.nanoTime();
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withTimeout(Duration.ofMillis(300))
                .withKillGrace(Duration.ofMillis(300))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(Outcome.TIMED_OUT, r.outcome(), r::toString);
        assertEquals(ProcessTable.SIGKILL, r.signal());
        assertEquals(128 + 9, r.exitCode());
        assertTrue(ms >= 600 && ms < 5000, "took " + ms + " ms");
        List<Long> pids = pids(pidFile);
        assertEquals(r.pid(), pids.get(0));
        for (long pid : pids) {
            assertTrue(gone(pid), "pid " + pid + " still alive: " + table.entry(pid));
        }
        assertTrue(table.liveMembers(r.pid()).isEmpty(), () -> "left: " + table.liveMembers(r.pid()));
        assertFalse(ProcessHandle.of(r.pid()).isPresent(), "the script's own zombie is reaped");
    }

    @Test
    void aScriptThatEndsOnTermGetsNoKill() throws Exception {
        Path s = script("polite.sh", "sleep 60");
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withTimeout(Duration.ofMillis(200))));
        assertEquals(Outcome.TIMED_OUT, r.outcome());
        assertEquals(ProcessTable.SIGTERM, r.signal());
        assertTrue(r.elapsed().toMillis() < 1500, () -> "elapsed " + r.elapsed());
    }

    @Test
    void outputFloodDoesNotDeadlockAndIsBounded() throws Exception {
        Path s = script("flood.sh", "head -c 3000000 /dev/zero | tr '\\0' x\necho tail >&2\nexit 3");
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withOutputLimit(1000)));
        assertEquals(Outcome.EXITED, r.outcome());
        assertEquals(3, r.exitCode());
        assertEquals("x".repeat(1000), r.output());
        assertTrue(r.outputTruncated());
    }

    @Test
    void outputOfStdoutAndStderrIsKept() throws Exception {
        Path s = script("say.sh", "echo out; echo err >&2");
        ScriptResult r = await(executor(4, 4).run(request(s.toString())));
        assertEquals("out\nerr\n", r.output());
        assertFalse(r.outputTruncated());
    }

    @Test
    void argumentsArriveAsKeepalivedSplitsThem() throws Exception {
        Path s = script("args.sh", "for a in \"$@\"; do printf '[%s]' \"$a\"; done; printf '\\n%s' \"$0\"");
        ScriptResult r = await(executor(4, 4).run(request(s + " 'a b' c\\ d \"e'f\" '' g")));
        assertEquals("[a b][c d][e'f][][g]\n" + s.toRealPath(), r.output());
    }

    @Test
    void scriptWithoutShebangRunsThroughTheShell() throws Exception {
        Path s = dir.resolve("plain.sh");
        Files.writeString(s, "printf '%s|' \"$@\"; exit 7\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        ScriptResult r = await(executor(4, 4).run(request(s + " 'x y' z")));
        assertEquals(ExecMode.SHELL, r.mode());
        assertEquals(7, r.exitCode());
        assertEquals("x y|z|", r.output());
    }

    @Test
    void redirectionOnlyCommandsGoToTheShell() throws Exception {
        ScriptExecutor e = executor(4, 4);
        ScriptResult ok = await(e.run(request("</dev/null")));
        assertEquals(ExecMode.SHELL, ok.mode());
        assertEquals(0, ok.exitCode());
        ScriptResult missing = await(e.run(request("</nonexistent/file")));
        assertEquals(ExecMode.SHELL, missing.mode());
        assertTrue(missing.exitCode() != 0, missing::toString);
    }

    @Test
    void bareNamesAreSearchedInPath() throws Exception {
        ScriptResult r = await(executor(4, 4).run(request("true")));
        assertEquals(Outcome.EXITED, r.outcome(), r::toString);
        assertEquals(0, r.exitCode());
        ScriptResult missing = await(executor(4, 4).run(request("no-such-program-calpe")));
        assertEquals(Outcome.NOT_STARTED, missing.outcome());
        assertEquals("Cannot find script no-such-program-calpe in path", missing.detail());
    }

    @Test
    void runsAsNobodyInItsOwnSessionFromTheRoot() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path s = script("who.sh", "id -u; id -g; id -G; cut -d' ' -f1,5,6 /proc/$$/stat; pwd");
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withRunAs(RunAs.user("nobody"))));
        assertEquals(Outcome.EXITED, r.outcome(), r::toString);
        String pid = Long.toString(r.pid());
        assertEquals("65534\n65534\n65534\n" + pid + " " + pid + " " + pid + "\n/\n", r.output());
        ScriptResult withGroup = await(executor(4, 4).run(request(s.toString())
                .withRunAs(RunAs.of("nobody", "0"))));
        assertTrue(withGroup.output().startsWith("65534\n0\n0\n"), withGroup::output);
    }

    @Test
    void unknownUserIsNotStarted() throws Exception {
        Path s = script("x.sh", "exit 0");
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withRunAs(RunAs.user("no_such_user_x"))));
        assertEquals(Outcome.NOT_STARTED, r.outcome());
        assertEquals("Script user 'no_such_user_x' does not exist", r.detail());
    }

    @Test
    void notExecutableForTheUserIsNotStarted() throws Exception {
        Path s = script("private.sh", "exit 0");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ScriptResult r = await(executor(4, 4).run(request(s.toString()).withRunAs(RunAs.user("nobody"))));
        assertEquals(Outcome.NOT_STARTED, r.outcome());
        assertTrue(r.detail().contains("is not executable for uid:gid 65534:65534"), r::detail);
    }

    @Test
    void concurrencyIsCappedAndTheQueueIsBounded() throws Exception {
        Path log = dir.resolve("log");
        Path s = script("slot.sh", "echo start >> " + log + "; sleep 0.3; echo end >> " + log);
        ScriptExecutor e = executor(2, 3);
        List<CompletableFuture<ScriptResult>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(e.run(request(s.toString())).toCompletableFuture());
        }
        ScriptResult refused = all.get(5).get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.NOT_STARTED, refused.outcome());
        assertTrue(refused.detail().startsWith("queue full"), refused::detail);
        int max = 0;
        while (!CompletableFuture.allOf(all.subList(0, 5).toArray(CompletableFuture[]::new)).isDone()) {
            max = Math.max(max, e.running());
            Thread.sleep(5);
        }
        assertTrue(max <= 2, "at most 2 at once, saw " + max);
        int open = 0;
        int peak = 0;
        for (String l : Files.readAllLines(log)) {
            open += l.equals("start") ? 1 : -1;
            peak = Math.max(peak, open);
        }
        assertEquals(2, peak);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, all.get(i).get().exitCode());
        }
    }

    @Test
    void closeLetsAcceptedScriptsEndByThemselves() throws Exception {
        // keepalived never kills its notify scripts: the STOP notify VRRP runs as it stops must run to its end
        Path out = dir.resolve("out");
        Path s = script("short.sh", "sleep 0.3; echo \"$1\" >> " + out + "; echo done");
        ScriptExecutor e = executor(1, 4);
        CompletableFuture<ScriptResult> running = e.run(request(s + " first")).toCompletableFuture();
        CompletableFuture<ScriptResult> waiting = e.run(request(s + " second")).toCompletableFuture();
        e.close();
        ScriptResult r1 = running.get(1, TimeUnit.SECONDS);
        ScriptResult r2 = waiting.get(1, TimeUnit.SECONDS);
        assertEquals(Outcome.EXITED, r1.outcome(), r1.detail());
        assertEquals(0, r1.exitCode());
        assertEquals("done\n", r1.output());
        assertEquals(Outcome.EXITED, r2.outcome(), r2.detail());
        assertEquals(List.of("first", "second"), Files.readAllLines(out));
        assertEquals(Outcome.NOT_STARTED, e.run(request(s + " third")).toCompletableFuture()
                .get(1, TimeUnit.SECONDS).outcome());
    }

    @Test
    void closeKillsRunningScriptsWithinItsBound() throws Exception {
        Path pidFile = dir.resolve("pids");
        Path s = script("forever.sh", "trap '' TERM\n( trap '' TERM; sleep 60 ) &\n"
                + "echo $$ >> " + pidFile + "; echo $! >> " + pidFile + "\nwhile :; do sleep 0.05; done");
        ScriptExecutor e = executor(4, 4);
        CompletableFuture<ScriptResult> f = e.run(request(s.toString())).toCompletableFuture();
        CompletableFuture<ScriptResult> polite = e.run(request(script("p.sh", "sleep 60").toString()))
                .toCompletableFuture();
        waitForLines(pidFile, 2);
        long t0 = System.nanoTime();
        e.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 5000, "close took " + ms + " ms");
        ScriptResult r = f.get(1, TimeUnit.SECONDS);
        assertEquals(Outcome.STOPPED, r.outcome());
        assertEquals(Outcome.STOPPED, polite.get(1, TimeUnit.SECONDS).outcome());
        for (long pid : pids(pidFile)) {
            assertTrue(gone(pid), "pid " + pid + " still alive");
        }
        ScriptResult after = e.run(request(s.toString())).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals(Outcome.NOT_STARTED, after.outcome());
    }

    @Test
    void environmentIsInheritedWithPath() throws Exception {
        Path s = script("env.sh", "echo \"PATH=$PATH\"; env | grep -c '^KEEPALIVED_' || true");
        ScriptResult r = await(executor(4, 4).run(request(s.toString())));
        assertEquals("PATH=" + System.getenv().getOrDefault("PATH", Settings.CS_PATH) + "\n0\n", r.output());
    }
}
