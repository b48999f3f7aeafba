package org.calpe.net.linux;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.calpe.net.api.NetNamespace;

/**
 * Runs a task inside a network namespace: on a fresh thread that first calls {@code setns(2)} with
 * {@code /var/run/netns/NAME}. Sockets created by the task belong to that namespace for their whole life, so
 * only socket creation (and name lookups) need the namespace thread; the thread ends with the task and no
 * thread of the process is left in a foreign namespace.
 */
public final class NamespaceRunner {

    /** A task that may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface IoCallable<T> {
        T call() throws IOException;
    }

    private static final long TIMEOUT_SECONDS = 10;
    private final Posix posix;

    public NamespaceRunner(Posix posix) {
        this.posix = posix;
    }

    /** @return the path of {@code namespace}'s file */
    public static String path(NetNamespace namespace) {
        return "/var/run/netns/" + namespace.name();
    }

    /** Runs {@code task} in {@code namespace} (directly on this thread for the current namespace). */
    public <T> T call(NetNamespace namespace, IoCallable<T> task) throws IOException {
        if (namespace.isCurrent()) {
            return task.call();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                enter(namespace);
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "calpe-netns-" + namespace.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while working in namespace " + namespace);
        } catch (TimeoutException e) {
            throw new IOException("namespace " + namespace + " task did not finish in " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    private void enter(NetNamespace namespace) throws IOException {
        String path = path(namespace);
        int fd = posix.libc().open(path, Posix.O_RDONLY | Posix.O_CLOEXEC);
        if (fd < 0) {
            throw posix.error("open " + path);
        }
        try {
            posix.check(posix.libc().setns(fd, Posix.CLONE_NEWNET), "setns " + path);
        } finally {
            posix.closeQuietly(fd);
        }
    }
}
