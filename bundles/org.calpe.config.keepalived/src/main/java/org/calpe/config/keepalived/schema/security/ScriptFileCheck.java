package org.calpe.config.keepalived.schema.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.calpe.exec.api.ScriptCommand;

/**
 * keepalived's check of one script file (its {@code check_script_secure}), on the real file system:
 * <ol>
 * <li>a first word {@code </path} is a redirection test, not a file ({@link ScriptFlag#SYSTEM});</li>
 * <li>a bare name is searched in PATH for a regular file executable by the script's user;</li>
 * <li>the path is resolved (symbolic links, {@code .}, {@code ..}); when the file name part changes, the link
 * in the resolved directory is kept as the name if it is the same file, and both are checked;</li>
 * <li>a script that root runs (user or group 0, or set-uid/set-gid root) needs protection: the path from
 * {@code /} to the file is walked without following links; every directory must be a directory, the last
 * part a file or link; each part must be owned by root and, unless it is a sticky directory or a link, must
 * not be writable by others or by a non-root group.</li>
 * </ol>
 */
public final class ScriptFileCheck {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISUID = 04000;
    private static final int S_ISGID = 02000;
    private static final int S_ISVTX = 01000;
    private static final int S_IXUSR = 0100;
    private static final int S_IWGRP = 020;
    private static final int S_IXGRP = 010;
    private static final int S_IWOTH = 02;
    private static final int S_IXOTH = 01;
    private static final int NAME_MAX = 255;

    private final HostView host;

    public ScriptFileCheck(HostView host) {
        this.host = host;
    }

    /** The file's stat data. */
    private record Stat(int mode, int uid, int gid, Object fileKey) {
        boolean isDir() {
            return (mode & S_IFMT) == S_IFDIR;
        }

        boolean isReg() {
            return (mode & S_IFMT) == S_IFREG;
        }

        boolean isLink() {
            return (mode & S_IFMT) == S_IFLNK;
        }
    }

    /**
     * Checks a script run as {@code uid:gid}.
     *
     * @param command the script's words ({@code Scripts.Script#command()}), empty when it has none
     * @param scriptSecurity whether {@code enable_script_security} is set (insecure scripts are then inhibited)
     */
    public Set<ScriptFlag> check(Optional<ScriptCommand> command, int uid, int gid, boolean scriptSecurity) {
        if (command.isEmpty()) {
            return EnumSet.of(ScriptFlag.NOT_FOUND);
        }
        if (command.get().isRedirectionOnly()) {
            return EnumSet.of(ScriptFlag.SYSTEM);
        }
        String program = command.get().program();
        if (program.indexOf('/') < 0) {
            program = searchPath(program, uid, gid);
            if (program == null) {
                return EnumSet.of(ScriptFlag.NOT_FOUND);
            }
        }
        Path given = path(program);
        String resolved;
        try {
            resolved = given.toRealPath().toString();
        } catch (IOException | InvalidPathException e) {
            return EnumSet.of(ScriptFlag.NOT_FOUND);
        }
        String name = program;
        String realFile = null;
        if (!program.equals(resolved)) {
            String origPart = program.substring(program.lastIndexOf('/') + 1);
            String newPart = resolved.substring(resolved.lastIndexOf('/') + 1);
            String candidate = resolved;
            if (!origPart.equals(newPart)) {
                candidate = resolved.substring(0, resolved.lastIndexOf('/') + 1) + origPart;
                realFile = resolved;
                Stat real = stat(resolved, true);
                Stat cand = stat(candidate, true);
                if (real != null && (cand == null || !real.fileKey().equals(cand.fileKey()))) {
                    candidate = resolved;
                    realFile = null;
                }
            }
            name = candidate;
        }
        Stat file = stat(realFile != null ? realFile : name, true);
        if (file == null) {
            return EnumSet.of(ScriptFlag.NOT_FOUND);
        }
        EnumSet<ScriptFlag> flags = EnumSet.of(ScriptFlag.IS_SCRIPT);
        boolean protect = false;
        if (executable(file, uid, gid)) {
            flags.add(ScriptFlag.EXECUTABLE);
            protect = uid == 0 || gid == 0
                    || (file.uid() == 0 && (file.mode() & S_IXUSR) != 0 && (file.mode() & S_ISUID) != 0)
                    || (file.gid() == 0 && (file.mode() & S_IXGRP) != 0 && (file.mode() & S_ISGID) != 0);
        }
        if (!protect) {
            return flags;
        }
        flags.addAll(walk(name, scriptSecurity));
        if (realFile != null) {
            flags.addAll(walk(realFile, scriptSecurity));
        }
        return flags;
    }

    /** keepalived's {@code is_executable}: root needs any execute bit, others the bit of their class. */
    static boolean executable(int mode, int fileUid, int fileGid, int uid, int gid) {
        return (uid == 0 && (mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0)
                || (uid == fileUid && (mode & S_IXUSR) != 0)
                || (uid != fileUid && ((gid == fileGid && (mode & S_IXGRP) != 0)
                        || (gid != fileGid && (mode & S_IXOTH) != 0)));
    }

    private static boolean executable(Stat st, int uid, int gid) {
        return executable(st.mode(), st.uid(), st.gid(), uid, gid);
    }

    /** The first PATH entry holding a regular file of this name executable by the user, or null. */
    private String searchPath(String name, int uid, int gid) {
        if (name.length() > NAME_MAX) {
            return null;
        }
        for (String dir : host.searchPath().split(":", -1)) {
            String candidate = dir.isEmpty() ? name : dir + "/" + name;
            Stat st = stat(candidate, true);
            if (st != null && st.isReg() && executable(st, uid, gid)) {
                return candidate;
            }
        }
        return null;
    }

    /** Checks every part of the path from '/' to the file, without following links. */
    private Set<ScriptFlag> walk(String filename, boolean scriptSecurity) {
        int from = 0;
        while (true) {
            int slash = filename.indexOf('/', from);
            boolean last = slash < 0;
            String part;
            if (last) {
                part = filename;
            } else {
                part = filename.substring(0, slash == 0 ? 1 : slash);
                from = slash + 1;
            }
            Stat st = stat(part, false);
            if (st == null) {
                return EnumSet.of(ScriptFlag.NOT_FOUND);
            }
            if ((!last && !st.isDir()) || (last && !st.isReg() && !st.isLink())) {
                return EnumSet.of(ScriptFlag.INHIBIT);
            }
            boolean writable = (st.gid() != 0 && (st.mode() & S_IWGRP) != 0) || (st.mode() & S_IWOTH) != 0;
            boolean checkedForWrite = (st.isDir() && (st.mode() & S_ISVTX) == 0) || st.isReg();
            if (st.uid() != 0 || (checkedForWrite && writable)) {
                return scriptSecurity ? EnumSet.of(ScriptFlag.INSECURE, ScriptFlag.INHIBIT)
                        : EnumSet.of(ScriptFlag.INSECURE);
            }
            if (last) {
                return EnumSet.noneOf(ScriptFlag.class);
            }
        }
    }

    private Path path(String name) {
        Path p = Path.of(name);
        return p.isAbsolute() ? p : host.workingDirectory().resolve(p);
    }

    private Stat stat(String name, boolean follow) {
        try {
            Path p = path(name);
            LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev", opts);
            return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                    a.get("dev") + ":" + a.get("ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
