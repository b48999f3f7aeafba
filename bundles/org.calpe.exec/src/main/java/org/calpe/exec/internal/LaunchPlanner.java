package org.calpe.exec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calpe.exec.api.Accounts.Ids;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.api.ScriptResult.ExecMode;

/**
 * keepalived's decisions before a script runs ({@code check_script_secure}, {@code find_path}), taken at run
 * time:
 * <ul>
 * <li>a command whose first word is {@code <} then {@code /} only tests a file: {@code /bin/sh -c} with
 * keepalived's quoted command string;</li>
 * <li>a program without {@code /} is searched in {@code PATH} (files executable by the script's user only);</li>
 * <li>the program's path is made real (symlinks, {@code ..}), keeping the original file name when it names the
 * same file, because some programs look at their name;</li>
 * <li>it must be executable by the script's uid:gid (keepalived's {@code is_executable});</li>
 * <li>a binary or a {@code #!} script is executed directly; any other file (a script without shebang) goes
 * through {@code /bin/sh -c}, as keepalived built with libmagic does ("Please add a #! shebang").</li>
 * </ul>
 * The process is wrapped as {@code setsid setpriv --pdeathsig TERM --reuid U --regid G --groups G -- ...}: its own
 * session and process group (keepalived: {@code setpgid(0,0)}), its ids with exactly one supplementary group
 * (keepalived: {@code setgroups(1, &gid)}), and SIGTERM if the runner's launcher thread dies (keepalived:
 * {@code PR_SET_PDEATHSIG}). Both tools exec in place, so the pid Java sees is the script's.
 */
final class LaunchPlanner {
    private final String setsid;
    private final String setpriv;
    private final String shell;
    private final String path;

    LaunchPlanner(String setsid, String setpriv, String shell, String path) {
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.shell = shell;
        this.path = path;
    }

    /** A plan, or a problem in keepalived's words. */
    Result plan(ScriptCommand command, Ids ids) {
        if (command.isRedirectionOnly()) {
            return Result.ok(wrap(ExecMode.SHELL, List.of(shell, "-c", command.shellString()), ids));
        }
        String program = command.program();
        Path file;
        if (program.indexOf('/') < 0) {
            file = searchPath(program, ids);
            if (file == null) {
                return Result.problem("Cannot find script " + program + " in path");
            }
        } else {
            file = Path.of(program);
        }
        Path real;
        try {
            real = realName(file);
        } catch (IOException e) {
            return Result.problem("Script " + program + " cannot be accessed - " + reason(e));
        }
        if (!Files.isRegularFile(real) || !isExecutable(real, ids)) {
            return Result.problem("script '" + real + "' is not executable for uid:gid " + ids);
        }
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, real.toString());
        if (hasInterpreterOrIsBinary(real)) {
            return Result.ok(wrap(ExecMode.DIRECT, argv, ids));
        }
        String line = new ScriptCommand(argv).shellString();
        return Result.ok(wrap(ExecMode.SHELL, List.of(shell, "-c", line), ids));
    }

    private LaunchPlan wrap(ExecMode mode, List<String> scriptArgv, Ids ids) {
        String uid = Integer.toString(ids.uid());
        String gid = Integer.toString(ids.gid());
        List<String> argv = new ArrayList<>(List.of(setsid, setpriv, "--pdeathsig", "TERM", "--reuid", uid,
                "--regid", gid, "--groups", gid, "--"));
        argv.addAll(scriptArgv);
        return new LaunchPlan(argv, mode, scriptArgv, ids);
    }

    private Path searchPath(String name, Ids ids) {
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(candidate) && isExecutable(candidate, ids)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }

    /** keepalived: the real path, but with the configured file name if that names the same file. */
    private static Path realName(Path file) throws IOException {
        Path real = file.toRealPath();
        Path original = file.getFileName();
        if (original == null || real.getFileName().equals(original)) {
            return real;
        }
        Path sameDir = real.resolveSibling(original);
        if (Files.exists(sameDir) && Files.isSameFile(sameDir, real)) {
            return sameDir;
        }
        return real;
    }

    /** keepalived's {@code is_executable}: root needs any x bit; the owner the user bit; else group or other. */
    static boolean isExecutable(Path file, Ids ids) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            int group = (Integer) Files.getAttribute(file, "unix:gid");
            boolean ux = perms.contains(PosixFilePermission.OWNER_EXECUTE);
            boolean gx = perms.contains(PosixFilePermission.GROUP_EXECUTE);
            boolean ox = perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (ids.uid() == 0) {
                return ux || gx || ox;
            }
            if (ids.uid() == owner) {
                return ux;
            }
            return ids.gid() == group ? gx : ox;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean hasInterpreterOrIsBinary(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return true; // let exec report it
        }
        boolean shebang = n >= 2 && head[0] == '#' && head[1] == '!';
        boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        return shebang || elf;
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "No such file or directory" : e.toString();
    }

    record Result(LaunchPlan plan, String problem) {
        static Result ok(LaunchPlan plan) {
            return new Result(plan, "");
        }

        static Result problem(String why) {
            return new Result(null, why);
        }
    }
}
