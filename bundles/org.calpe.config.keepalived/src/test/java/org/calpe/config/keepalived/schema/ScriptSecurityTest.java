package org.calpe.config.keepalived.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.security.HostView;
import org.calpe.exec.api.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script security on real files in a temporary directory. Ownership and permission rules are about root, so
 * these tests need root (CI runs as root); they say so instead of passing vacuously.
 */
class ScriptSecurityTest {
    private static final String MSG = "SECURITY VIOLATION - scripts are being executed but script_security not enabled.";

    @TempDir
    Path dir;
    private Path passwd;
    private Path group;
    private final List<Scripts.Script> scripts = new ArrayList<>();
    private final List<Node> globals = new ArrayList<>();
    private final List<Node> top = new ArrayList<>();
    private String path = "/nonexistent";
    private int line;

    @BeforeEach
    void host() throws Exception {
        assertEquals(0, (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"),
                "script security tests need root: keepalived's rules are about files owned by root");
        passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n");
        group = Files.writeString(dir.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Location at() {
        return new Location("t.conf", ++line, 1);
    }

    private Path script(String name, String perms) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
        return p;
    }

    private void security(boolean enabled, String... scriptUser) {
        if (enabled) {
            globals.add(new Setting("enable_script_security", List.of(), Boolean.TRUE, at()));
        }
        if (scriptUser.length > 0) {
            globals.add(new Setting("script_user", List.of(scriptUser), List.of(scriptUser), at()));
        }
    }

    private void vrrpScript(String name, String command, String... user) {
        List<Node> body = new ArrayList<>();
        Location loc = at();
        body.add(new Setting("script", List.of(command), command, loc));
        if (user.length > 0) {
            body.add(new Setting("user", List.of(user), List.of(user), at()));
        }
        top.add(new Block("vrrp_script", List.of(name), body, loc));
        scripts.add(new Scripts.Script("vrrp script", name, command, null, null, loc));
    }

    private void instance() {
        top.add(new Block("vrrp_instance", List.of("VI_1"), List.of(), at()));
    }

    private void virtualServer(String kind, String command) {
        Location loc = at();
        Block rs = new Block("real_server", List.of("198.18.0.20", "80"), List.of(), loc);
        top.add(new Block("virtual_server", List.of("198.18.0.10", "80"), List.of(rs), loc));
        scripts.add(new Scripts.Script(kind, "198.18.0.20:80", command, null, null, loc));
    }

    private ParseResult run() {
        return run(new Accounts(passwd, group));
    }

    private ParseResult run(Accounts accounts) {
        ParseContext ctx = new ParseContext(new ParseOptions("t", Map.of(), false), n -> true);
        ctx.state(HostView.class, () -> new HostView(accounts, path, dir, 0, 0));
        Scripts registry = ctx.state(Scripts.class, Scripts::new);
        scripts.forEach(registry::add);
        List<Node> children = new ArrayList<>();
        children.add(new Block("global_defs", List.of(), globals, new Location("t.conf", 0, 0)));
        children.addAll(top);
        Block root = new Block("", List.of(), children, new Location("t.conf", 0, 0));
        removed = ScriptSecurity.removedVrrpScripts(root, ctx);
        new ScriptSecurity().validate(root, ctx);
        return new ParseResult(java.util.Optional.empty(), ctx.diagnostics(), Set.of());
    }

    private Set<String> removed;

    private static List<String> messages(ParseResult r) {
        return r.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::message)
                .collect(Collectors.toList());
    }

    @Test
    void rootScriptWithoutScriptSecurityIsAViolation() throws IOException {
        vrrpScript("chk", script("ok.sh", "rwxr-xr-x").toString());
        instance();
        ParseResult r = run();
        assertEquals(List.of(MSG), messages(r));
        assertEquals(6, r.exitCode());
        assertTrue(r.diagnostics().get(0).location().line() > 0, "the violation points at a script");
    }

    @Test
    void worldWritableScriptIsCalledInsecure() throws IOException {
        vrrpScript("chk", script("bad.sh", "rwxrwxrwx").toString());
        instance();
        assertEquals(List.of(MSG + " There are insecure scripts."), messages(run()));
    }

    @Test
    void scriptSecurityWithRootUserAndSecureScriptIsClean() throws IOException {
        security(true, "root");
        vrrpScript("chk", script("ok.sh", "rwxr-xr-x") + " arg1 'arg 2'");
        instance();
        ParseResult r = run();
        assertEquals(List.of(), messages(r));
        assertEquals(0, r.exitCode());
    }

    @Test
    void scriptSecurityWithoutAnyUserRemovesTheVrrpScript() throws IOException {
        security(true);
        vrrpScript("chk", script("ok.sh", "rwxr-xr-x").toString());
        vrrpScript("chk2", script("ok.sh", "rwxr-xr-x").toString());
        instance();
        ParseResult r = run();
        assertEquals(List.of("Unable to set default user keepalived_script for script",
                "Unable to set default user for vrrp script chk - removing",
                "Unable to set default user for vrrp script chk2 - removing"), messages(r));
        assertEquals(Set.of("chk", "chk2"), removed);
        assertEquals(5, r.exitCode());
    }

    @Test
    void unknownScriptUserDropsScriptsWithoutTheirOwnUser() throws IOException {
        security(false, "nosuchuser");
        vrrpScript("chk", script("ok.sh", "rwxr-xr-x").toString());
        vrrpScript("own", script("ok.sh", "rwxr-xr-x").toString(), "root");
        instance();
        ParseResult r = run();
        assertEquals(List.of("Error setting global script uid/gid",
                "Unable to set default user for vrrp script chk - removing", MSG), messages(r));
        assertEquals(Set.of("chk"), removed);
        assertEquals(6, r.exitCode());
    }

    @Test
    void unknownPerScriptUserRemovesTheVrrpScriptAtItsUserLine() throws IOException {
        security(true, "root");
        Path ok = script("ok.sh", "rwxr-xr-x");
        vrrpScript("chk", ok.toString(), "nosuchuser");
        instance();
        ParseResult r = run();
        assertEquals(List.of("Unable to set uid/gid for script '" + ok + "'"), messages(r));
        assertEquals(Set.of("chk"), removed);
    }

    @Test
    void insecurePathPartsDisableTheTrackScriptUnderScriptSecurity() throws IOException {
        security(true, "root");
        Path d = Files.createDirectories(dir.resolve("open"));
        Path s = script("open/ok.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        vrrpScript("chk", s.toString());
        instance();
        ParseResult r = run();
        assertEquals(List.of("Disabling track script chk due to insecure"), messages(r));
        assertEquals(5, r.exitCode());
        assertEquals(Set.of(), removed, "disabled at check time: references are dropped silently");
    }

    @Test
    void stickyDirectoryAndRootGroupWriteAreSafe() throws Exception {
        security(true, "root");
        Path d = Files.createDirectories(dir.resolve("sticky"));
        Path s = script("sticky/ok.sh", "rwxrwxr-x");
        Files.setAttribute(d, "unix:mode", 01777);
        vrrpScript("chk", s.toString());
        instance();
        assertEquals(List.of(), messages(run()));
    }

    @Test
    void nonRootGroupWriteAndNonRootOwnerAreInsecure() throws Exception {
        Path g = script("g.sh", "rwxrwxr-x");
        Files.setAttribute(g, "unix:gid", 65534);
        Path o = script("o.sh", "rwxr-xr-x");
        Files.setAttribute(o, "unix:uid", 65534);
        security(true, "root");
        vrrpScript("g", g.toString());
        vrrpScript("o", o.toString());
        instance();
        assertEquals(List.of("Disabling track script g due to insecure", "Disabling track script o due to insecure"),
                messages(run()));
    }

    @Test
    void symlinkWithAnotherNameIsCheckedItselfAndItsTarget() throws Exception {
        Path target = script("real.sh", "rwxr-xr-x");
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), target.getFileName());
        security(true, "root");
        vrrpScript("chk", link.toString());
        instance();
        assertEquals(List.of(), messages(run()));
        java.nio.file.attribute.PosixFileAttributeView v = Files.getFileAttributeView(link,
                java.nio.file.attribute.PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        v.setOwner(link.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertEquals(List.of("Disabling track script chk due to insecure"), messages(run()));
    }

    @Test
    void missingScriptIsAnErrorButNoViolation() {
        vrrpScript("chk", dir.resolve("missing.sh").toString());
        instance();
        ParseResult r = run();
        assertEquals(List.of("Disabling track script chk since not found/accessible"), messages(r));
        assertEquals(5, r.exitCode());
    }

    @Test
    void bareNamesAreSearchedInPath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script("bin/probe", "rwxr-xr-x");
        path = "/nonexistent:" + bin;
        vrrpScript("found", "probe -x");
        vrrpScript("lost", "nosuchprogram");
        instance();
        assertEquals(List.of("Disabling track script lost since not found/accessible", MSG), messages(run()));
    }

    @Test
    void redirectionTestIsNoScript() {
        vrrpScript("chk", "</dev/null");
        instance();
        assertEquals(List.of(), messages(run()));
    }

    @Test
    void trackScriptsAreCheckedOnlyWithAVrrpInstance() throws IOException {
        vrrpScript("chk", script("ok.sh", "rwxr-xr-x").toString());
        assertEquals(0, run().exitCode());
    }

    @Test
    void directoryAsScriptIsInhibitedEvenWithoutScriptSecurity() throws IOException {
        vrrpScript("chk", Files.createDirectories(dir.resolve("adir")).toString());
        instance();
        assertEquals(List.of("Disabling track script chk due to insecure", MSG), messages(run()));
    }

    @Test
    void nonExecutableScriptIsSilentlyDropped() throws IOException {
        security(true, "root");
        vrrpScript("chk", script("noexec.sh", "rw-r--r--").toString());
        instance();
        assertEquals(0, run().exitCode());
    }

    @Test
    void checkerScriptsAreReportedByTheChecker() throws IOException {
        virtualServer("MISC_CHECK", script("bad.sh", "rwxrwxrwx").toString());
        ParseResult r = run();
        assertEquals(List.of("SECURITY VIOLATION - check scripts are being executed but script_security not enabled."
                + " There are insecure scripts."), messages(r));
    }

    @Test
    void insecureMiscCheckUnderScriptSecurityIsDroppedSilently() throws IOException {
        security(true, "root");
        virtualServer("MISC_CHECK", script("bad.sh", "rwxrwxrwx").toString());
        assertEquals(0, run().exitCode());
    }

    @Test
    void miscCheckWithoutDefaultUserIsRemoved() throws IOException {
        security(true);
        Path ok = script("ok.sh", "rwxr-xr-x");
        virtualServer("MISC_CHECK", ok.toString());
        assertEquals(List.of("Unable to set default user keepalived_script for script",
                "Unable to set default user for misc script '" + ok + "' - removing"), messages(run()));
    }

    @Test
    void shutdownScriptIsCheckedByTheParent() throws IOException {
        Path ok = script("ok.sh", "rwxr-xr-x");
        scripts.add(new Scripts.Script("shutdown_script", "", ok.toString(), null, null, at()));
        assertEquals(List.of("SECURITY VIOLATION - start/shutdown scripts are being executed but script_security"
                + " not enabled."), messages(run()));
    }

    @Test
    void existingKeepalivedScriptUserRunsScriptsWithoutProtection() throws IOException {
        Files.writeString(passwd, "keepalived_script:x:990:990::/:/bin/false\n", java.nio.file.StandardOpenOption.APPEND);
        security(true);
        vrrpScript("chk", script("bad.sh", "rwxrwxrwx").toString());
        instance();
        assertEquals(List.of(), messages(run()), "a non-root script user needs no path protection");
    }
}
