package org.calpe.config.media.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition labelled {@code CALPE} as a directory, on a box with or without udev and whether or not anyone
 * mounted it. The device is {@code /dev/disk/by-label/CALPE} when udev made that link, else what
 * {@code blkid -L CALPE} finds by probing the block devices. If the device is mounted, its mount point is used
 * as it is. If not, and Calpe is root, it is mounted on Calpe's own mount point (under the state directory),
 * {@code rw,noatime,sync}: {@code sync} writes data and directory entries through at once (the box may lose
 * power at any moment and the media is the single source of truth; the files are a few KiB, so the cost is
 * nil), and {@code noatime} keeps the once-a-second polls from turning into writes. When that mount fails, the
 * media counts as missing and {@link #retry()} tries again with a growing pause (2 s doubling to 60 s). What
 * Calpe mounted it unmounts in {@link #release()}. Every external command runs with a time limit, on the media
 * thread, never on a Declarative Services thread.
 */
final class LabelledPartition {
    static final String LABEL = "CALPE";
    static final String MOUNT_OPTIONS = "rw,noatime,sync";
    static final Duration BLKID_TIMEOUT = Duration.ofSeconds(5);
    static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration UMOUNT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(LabelledPartition.class);

    /**
     * The partition as found by {@link #attach()}.
     *
     * @param device the block device (as found: the by-label link or blkid's answer)
     * @param directory the media directory: the device's mount point
     * @param ours whether the directory is Calpe's own mount point (mounted by Calpe, or to be retried)
     */
    record Attachment(Path device, Path directory, boolean ours) {
    }

    private final Path byLabelDir;
    private final MountTable mounts;
    private final CommandRunner commands;
    private final boolean root;
    private final Path mountDir;
    private final Clock clock;

    private boolean mountedByUs;
    private Duration retryDelay = FIRST_RETRY;
    private Instant nextRetry = Instant.MIN;

    LabelledPartition(Path byLabelDir, MountTable mounts, CommandRunner commands, boolean root, Path mountDir,
            Clock clock) {
        this.byLabelDir = byLabelDir;
        this.mounts = mounts;
        this.commands = commands;
        this.root = root;
        this.mountDir = mountDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The real system: udev's links, /proc/mounts, blkid and mount, root when the effective uid is 0. */
    static LabelledPartition system(Path mountDir) {
        return new LabelledPartition(Path.of("/dev/disk/by-label"), new MountTable(Path.of("/proc/mounts")),
                new ProcessCommandRunner(), effectiveUidIsRoot(Path.of("/proc/self/status")), mountDir,
                Clock.systemUTC());
    }

    /** Calpe's mount point: {@code STATE/media}, else {@code /run/calpe/media}. */
    static Path mountDirFor(String stateDir) {
        return stateDir == null || stateDir.isBlank() ? Path.of("/run/calpe/media")
                : Path.of(stateDir.trim()).resolve("media");
    }

    /** Reads the effective uid from {@code /proc/self/status} ({@code Uid: real effective saved fs}). */
    static boolean effectiveUidIsRoot(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", status, e.toString());
        }
        return false;
    }

    Path mountDir() {
        return mountDir;
    }

    /** The device labelled CALPE: the udev link if there is one, else blkid's answer; empty if none. */
    Optional<Path> findDevice() {
        Path link = byLabelDir.resolve(LABEL);
        if (Files.exists(link)) {
            return Optional.of(link);
        }
        CommandRunner.Result r = commands.run(List.of("blkid", "-L", LABEL), BLKID_TIMEOUT);
        if (r.timedOut()) {
            LOG.warn("blkid -L {} gave no answer within {} s; taking it as no partition labelled {}", LABEL,
                    BLKID_TIMEOUT.toSeconds(), LABEL);
            return Optional.empty();
        }
        if (!r.ok() || r.output().isBlank()) {
            // exit code 2: no such label; anything else is logged for the operator
            if (r.exitCode() != 2) {
                LOG.debug("blkid -L {}: {}", LABEL, r.describe());
            }
            return Optional.empty();
        }
        String first = r.output().lines().findFirst().orElse("").trim();
        return first.startsWith("/") ? Optional.of(Path.of(first)) : Optional.empty();
    }

    /**
     * Finds the partition and makes it a directory. Empty when there is no partition labelled CALPE, or when it
     * is not mounted and Calpe, not being root, cannot mount it (both logged). A failed mount still gives an
     * attachment on Calpe's mount point: the media is then missing until {@link #retry()} succeeds.
     */
    synchronized Optional<Attachment> attach() {
        Optional<Path> found = findDevice();
        if (found.isEmpty()) {
            LOG.info("No partition labelled {} (neither {} nor blkid -L {})", LABEL, byLabelDir.resolve(LABEL),
                    LABEL);
            return Optional.empty();
        }
        Path device = found.get();
        List<Path> points;
        try {
            points = mounts.mountPointsOf(device);
        } catch (IOException e) {
            LOG.warn("Cannot read the mount table: {}; taking {} as not mounted", e.toString(), device);
            points = List.of();
        }
        Path own = MountTable.realPath(mountDir);
        if (points.contains(own)) {
            mountedByUs = true;
            LOG.info("Partition labelled {} ({}) is already mounted on Calpe's mount point {}; using it", LABEL,
                    describe(device), own);
            return Optional.of(new Attachment(device, mountDir, true));
        }
        if (!points.isEmpty()) {
            LOG.info("Partition labelled {} ({}) is mounted on {}; using it as it is", LABEL, describe(device),
                    points.get(0));
            return Optional.of(new Attachment(device, points.get(0), false));
        }
        if (!root) {
            LOG.warn("Partition labelled {} ({}) is not mounted, and Calpe is not root so it cannot mount it: "
                    + "mount it (rw) and restart Calpe, or name the media with --media DIR", LABEL,
                    describe(device));
            return Optional.empty();
        }
        mount(device);
        return Optional.of(new Attachment(device, mountDir, true));
    }

    /**
     * While the media on Calpe's mount point is missing: finds the device again and mounts it, at most once per
     * pause (2 s, doubling to 60 s, back to 2 s after a success). A stale mount (device gone, another device, or
     * the file system answering with I/O errors) is detached first. True when the partition was mounted now.
     */
    synchronized boolean retry() {
        Instant now = clock.instant();
        if (!root || now.isBefore(nextRetry)) {
            return false;
        }
        Optional<Path> found = findDevice();
        if (found.isEmpty()) {
            schedule("the partition labelled " + LABEL + " is not there");
            return false;
        }
        Path device = found.get();
        Optional<String> source;
        try {
            source = mounts.sourceAt(mountDir);
        } catch (IOException e) {
            schedule("cannot read the mount table: " + e);
            return false;
        }
        if (source.isPresent()) {
            boolean same = source.get().startsWith("/")
                    && MountTable.realPath(Path.of(source.get())).equals(MountTable.realPath(device));
            if (same && readable(mountDir)) {
                // mounted and answering: the media is missing for another reason (no keepalived.conf)
                mountedByUs = true;
                schedule("it is mounted, but the configuration is not there");
                return false;
            }
            LOG.warn("Detaching the stale mount of {} on {} (the partition labelled {} is now {})", source.get(),
                    mountDir, LABEL, describe(device));
            CommandRunner.Result r = commands.run(List.of("umount", "-l", mountDir.toString()), UMOUNT_TIMEOUT);
            if (!r.ok()) {
                schedule("umount -l " + mountDir + " failed: " + r.describe());
                return false;
            }
            mountedByUs = false;
        }
        return mount(device);
    }

    /** Unmounts what Calpe mounted (best effort: a plain umount, else a lazy one). */
    synchronized void release() {
        if (!mountedByUs) {
            return;
        }
        mountedByUs = false;
        CommandRunner.Result r = commands.run(List.of("umount", mountDir.toString()), UMOUNT_TIMEOUT);
        if (r.ok()) {
            LOG.info("Unmounted the partition labelled {} from {}", LABEL, mountDir);
            return;
        }
        CommandRunner.Result lazy = commands.run(List.of("umount", "-l", mountDir.toString()), UMOUNT_TIMEOUT);
        if (lazy.ok()) {
            LOG.warn("umount {} failed ({}); detached it lazily", mountDir, r.describe());
        } else {
            LOG.warn("Cannot unmount {}: {}; {}", mountDir, r.describe(), lazy.describe());
        }
    }

    /** Whether Calpe mounted (or adopted) the partition on its mount point and has not unmounted it. */
    synchronized boolean mountedByUs() {
        return mountedByUs;
    }

    private boolean mount(Path device) {
        try {
            Files.createDirectories(mountDir);
        } catch (IOException e) {
            schedule("cannot create the mount point " + mountDir + ": " + e);
            return false;
        }
        List<String> command = List.of("mount", "-o", MOUNT_OPTIONS, device.toString(), mountDir.toString());
        CommandRunner.Result r = commands.run(command, MOUNT_TIMEOUT);
        if (!r.ok()) {
            LOG.error("Cannot mount the partition labelled {} ({}) on {}: {}; the config media is missing until "
                    + "it mounts", LABEL, describe(device), mountDir, r.describe());
            schedule(null);
            return false;
        }
        mountedByUs = true;
        retryDelay = FIRST_RETRY;
        nextRetry = Instant.MIN;
        LOG.info("Mounted the partition labelled {} ({}) on {} ({})", LABEL, describe(device), mountDir,
                MOUNT_OPTIONS);
        return true;
    }

    private void schedule(String why) {
        nextRetry = clock.instant().plus(retryDelay);
        if (why != null) {
            LOG.info("Config media partition: {}; next try in {} s", why, retryDelay.toSeconds());
        }
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
    }

    /** The device, and its real path when that differs (a by-label link). */
    private static String describe(Path device) {
        Path real = MountTable.realPath(device);
        return real.equals(device) ? device.toString() : device + " -> " + real;
    }

    private static boolean readable(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.iterator().hasNext();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
