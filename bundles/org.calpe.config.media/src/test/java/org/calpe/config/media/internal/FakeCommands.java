package org.calpe.config.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * blkid, mount and umount as a test scripts them: answers per command name (queued, the last one repeats;
 * default: success with no output), every call recorded. A successful mount is written into the fake mount
 * table, a successful umount removes it, as the kernel would.
 */
final class FakeCommands implements CommandRunner {
    final Path mounts;
    final List<List<String>> calls = new ArrayList<>();
    private final Map<String, Deque<Result>> answers = new HashMap<>();

    FakeCommands(Path mounts) {
        this.mounts = mounts;
    }

    static Result ok(String output) {
        return new Result(0, output, false);
    }

    static Result fail(int code, String output) {
        return new Result(code, output, false);
    }

    static Result timeout() {
        return new Result(-1, "", true);
    }

    FakeCommands answer(String command, Result... results) {
        answers.computeIfAbsent(command, c -> new ArrayDeque<>()).addAll(List.of(results));
        return this;
    }

    /** The calls so far as lines, e.g. {@code blkid -L CALPE}. */
    List<String> lines() {
        return calls.stream().map(c -> String.join(" ", c)).toList();
    }

    String last() {
        List<String> l = lines();
        return l.isEmpty() ? "" : l.get(l.size() - 1);
    }

    @Override
    public Result run(List<String> command, Duration timeout) {
        calls.add(List.copyOf(command));
        Deque<Result> q = answers.get(command.get(0));
        Result r = q == null || q.isEmpty() ? ok("") : q.size() > 1 ? q.poll() : q.peek();
        if (r.ok()) {
            try {
                if (command.get(0).equals("mount")) {
                    String dev = command.get(command.size() - 2);
                    String dir = MountTable.realPath(Path.of(command.get(command.size() - 1))).toString();
                    Files.writeString(mounts, dev + " " + dir.replace(" ", "\\040") + " ext4 rw 0 0\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } else if (command.get(0).equals("umount")) {
                    String dir = MountTable.realPath(Path.of(command.get(command.size() - 1))).toString()
                            .replace(" ", "\\040");
                    List<String> kept = Files.readAllLines(mounts).stream()
                            .filter(l -> !l.split(" ")[1].equals(dir)).toList();
                    Files.write(mounts, kept);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return r;
    }
}
