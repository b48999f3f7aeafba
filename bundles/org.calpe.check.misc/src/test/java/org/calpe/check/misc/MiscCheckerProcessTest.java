package org.calpe.check.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.exec.internal.DefaultScriptRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checker over the real script runner (org.calpe.exec, built with {@code new} as DS would) running small
 * {@code /bin/sh} scripts: exit codes, timeouts that end the whole process group, missing scripts, {@code user}.
 * The user test switches to {@code nobody}, so these tests run as root (as the appliance and CI do).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MiscCheckerProcessTest {

    @TempDir
    Path dir;

    private DefaultScriptRunner runner;
    private MiscChecker checker;

    /** The runner's configuration with every attribute at its default. */
    private static DefaultScriptRunner.Config defaults() {
        return (DefaultScriptRunner.Config) Proxy.newProxyInstance(MiscCheckerProcessTest.class.getClassLoader(),
                new Class<?>[] {DefaultScriptRunner.Config.class}, (proxy, method, args) -> {
                    Object v = method.getDefaultValue();
                    if (v == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return v;
                });
    }

    @BeforeEach
    void start() throws IOException {
        // scripts run as nobody in one test: the directory must be searchable by others
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        runner = new DefaultScriptRunner(defaults());
        checker = new MiscChecker(runner);
    }

    /** DS would call the package-private {@code @Deactivate} method; it stops the runner's threads. */
    @AfterEach
    void stop() throws Exception {
        Method m = DefaultScriptRunner.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(runner);
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static CheckTarget target(Object... kv) {
        Map<String, Object> options = new HashMap<>();
        options.put("delay_loop", "60000000");
        for (int i = 0; i < kv.length; i += 2) {
            options.put((String) kv[i], kv[i + 1]);
        }
        InetSocketAddress rs = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);
        return new CheckTarget(CheckTarget.formatName(rs), rs, null, 0, "", 0, Duration.ofSeconds(5), options);
    }

    private CheckResult run(CheckTarget target) throws Exception {
        return checker.check(target).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "exit {0}, misc_dynamic {1}")
    @CsvSource({
        "0, false, SUCCESS, -1", "0, true, SUCCESS, -1",
        "1, false, FAILURE, -1", "1, true, FAILURE, -1",
        "2, false, FAILURE, -1", "2, true, SUCCESS, 0",
        "3, false, FAILURE, -1", "3, true, SUCCESS, 1",
        "100, false, FAILURE, -1", "100, true, SUCCESS, 98",
        "255, false, FAILURE, -1", "255, true, SUCCESS, 253"})
    void exitCodes(int code, boolean dynamic, Verdict verdict, int weight) throws Exception {
        Path s = script("exit.sh", "exit $1");
        CheckResult r = run(dynamic ? target("misc_path", s + " " + code, "misc_dynamic", "true")
                : target("misc_path", s + " " + code));
        assertEquals(verdict, r.verdict(), r::toString);
        assertEquals(weight, r.weight().orElse(-1), r::toString);
        if (verdict == Verdict.FAILURE) {
            assertEquals(FailureCause.EXIT_CODE, r.cause());
            assertEquals("exited with status " + code, r.reason());
        }
    }

    @Test
    void argumentsReachTheScriptAsKeepalivedSplitsThem() throws Exception {
        Path out = dir.resolve("args");
        Path s = script("args.sh", "for a in \"$@\"; do echo \"[$a]\"; done > " + out);
        assertTrue(run(target("misc_path", s + " 'a b' c\\ d \"e\"f")).isSuccess());
        assertEquals(List.of("[a b]", "[c d]", "[ef]"), Files.readAllLines(out));
    }

    @Test
    void aScriptWithoutShebangRunsThroughTheShellWithTheSameRules() throws Exception {
        Path s = dir.resolve("noshebang");
        Files.writeString(s, "exit \"$1\"\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(OptionalInt.of(1), run(target("misc_path", s + " 3", "misc_dynamic", "true")).weight());
        assertEquals("exited with status 3", run(target("misc_path", s + " 3")).reason());
        // keepalived's system() child: the shell's 127 (command not found) is a script error, reported as 0
        Files.writeString(s, "calpe-no-such-command-anywhere\n");
        CheckResult r = run(target("misc_path", s.toString()));
        assertEquals(Verdict.SUCCESS, r.verdict(), r::toString);
        assertEquals(OptionalInt.empty(), r.weight());
    }

    @Test
    void aHangingScriptTimesOutAfterMiscTimeout() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path s = script("hang.sh", "echo $$ > " + pidFile + "\nexec sleep 30");
        long t0 = System.nanoTime();
        CheckResult r = run(target("misc_path", s.toString(), "misc_timeout", "1"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(CheckResult.failure(FailureCause.TIMEOUT, "timed out", r.latency()), r);
        assertTrue(ms >= 900 && ms < 2900, "took " + ms + " ms (SIGTERM at 1 s ends sleep)");
        assertGone(pids(pidFile));
    }

    @Test
    void withoutMiscTimeoutDelayLoopIsTheTimeout() throws Exception {
        Path s = script("hang.sh", "exec sleep 30");
        long t0 = System.nanoTime();
        CheckResult r = run(target("misc_path", s.toString(), "delay_loop", "1000000"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(FailureCause.TIMEOUT, r.cause(), r::toString);
        assertTrue(ms >= 900 && ms < 2900, "took " + ms + " ms");
    }

    @Test
    void childrenThatIgnoreTermAreKilledWithTheScript() throws Exception {
        Path pidFile = dir.resolve("pids");
        Path s = script("stubborn.sh", "trap '' TERM\n"
                + "( trap '' TERM; while :; do sleep 0.1; done ) &\n"
                + "echo $! >> " + pidFile + "\n"
                + "sh -c \"trap '' TERM; echo \\$\\$ >> " + pidFile + "; exec sleep 60\" &\n"
                + "echo $$ >> " + pidFile + "\n"
                + "while :; do sleep 0.1; done");
        long t0 = System.nanoTime();
        CheckResult r = run(target("misc_path", s.toString(), "misc_timeout", "1", "misc_dynamic", "true"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(CheckResult.failure(FailureCause.TIMEOUT, "timed out", r.latency()), r);
        // SIGTERM at 1 s is ignored; SIGKILL of the whole group 2 s later (keepalived's grace)
        assertTrue(ms >= 2900 && ms < 8000, "took " + ms + " ms");
        List<Long> pids = pids(pidFile);
        assertEquals(3, pids.size(), pids::toString);
        assertGone(pids);
    }

    @Test
    void aScriptThatExitsByItselfOnTermIsJudgedByItsStatus() throws Exception {
        Path s = script("polite.sh", "trap 'exit 7' TERM\nwhile :; do sleep 0.1; done");
        CheckResult r = run(target("misc_path", s.toString(), "misc_timeout", "1", "misc_dynamic", "true"));
        assertEquals(Verdict.SUCCESS, r.verdict(), r::toString);
        assertEquals(5, r.weight().orElse(-1));
    }

    @Test
    void aScriptKilledBySignalFails() throws Exception {
        Path s = script("suicide.sh", "kill -9 $$");
        CheckResult r = run(target("misc_path", s.toString()));
        assertEquals(Verdict.FAILURE, r.verdict(), r::toString);
        assertEquals(FailureCause.EXIT_CODE, r.cause());
    }

    @Test
    void aMissingScriptGivesNoVerdict() throws Exception {
        CheckResult r = run(target("misc_path", dir.resolve("missing.sh") + " arg"));
        assertEquals(Verdict.ERROR, r.verdict(), r::toString);
        assertTrue(r.reason().contains("No such file or directory"), r.reason());
    }

    @Test
    void aScriptThatIsNotExecutableGivesNoVerdict() throws Exception {
        Path s = script("plain.sh", "exit 0");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rw-r--r--"));
        CheckResult r = run(target("misc_path", s.toString()));
        assertEquals(Verdict.ERROR, r.verdict(), r::toString);
        assertTrue(r.reason().contains("is not executable"), r.reason());
    }

    @Test
    void anUnknownUserGivesNoVerdict() throws Exception {
        Path s = script("ok.sh", "exit 0");
        CheckResult r = run(target("misc_path", s.toString(), "user", "calpe-no-such-user"));
        assertEquals(Verdict.ERROR, r.verdict(), r::toString);
        assertTrue(r.reason().contains("calpe-no-such-user"), r.reason());
    }

    @Test
    void runsAsTheConfiguredUser() throws Exception {
        assertEquals("0", new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim(),
                "this test switches users: run it as root");
        Path s = script("whoami.sh", "[ \"$(id -un)\" = nobody ] || exit 1\n[ \"$(id -G)\" = \"$(id -g)\" ] || exit 2\n"
                + "exit 0");
        assertEquals(Verdict.SUCCESS, run(target("misc_path", s.toString(), "user", "nobody")).verdict());
        CheckResult rootOnly = run(target("misc_path", s.toString()));
        assertEquals(Verdict.FAILURE, rootOnly.verdict(), "without user the default user (root here) runs it");
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

    /** Every pid is gone or a zombie within a second (the reaper may lag a little). */
    private static void assertGone(List<Long> pids) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        List<Long> alive;
        do {
            alive = new ArrayList<>();
            for (long pid : pids) {
                if (alive(pid)) {
                    alive.add(pid);
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertFalse(true, "still running: " + alive);
    }

    private static boolean alive(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return false;
        }
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
