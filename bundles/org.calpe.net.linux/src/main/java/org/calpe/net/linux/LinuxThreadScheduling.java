package org.calpe.net.linux;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;

import org.calpe.net.api.ThreadScheduling;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@link ThreadScheduling} with sched_setscheduler(2) and setpriority(2) on the calling thread (pid/who 0). */
@Component(service = ThreadScheduling.class)
public final class LinuxThreadScheduling implements ThreadScheduling {
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    static final int PRIO_PROCESS = 0;

    private final Posix posix;

    @Activate
    public LinuxThreadScheduling() {
        this(new Posix());
    }

    LinuxThreadScheduling(Posix posix) {
        this.posix = posix;
    }

    @Override
    public void realtime(int priority) throws IOException {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("real-time priority " + priority + " outside [1, 99]");
        }
        if (posix.libc().sched_setscheduler(0, SCHED_RR, new int[] {priority}) != 0) {
            throw posix.error("sched_setscheduler(SCHED_RR, " + priority + ")");
        }
    }

    /** The PM QoS device: a 32-bit latency bound in microseconds, held while the descriptor is open. */
    static final String CPU_DMA_LATENCY = "/dev/cpu_dma_latency";

    @Override
    public Closeable promptWakeups() throws IOException {
        FileOutputStream out = new FileOutputStream(CPU_DMA_LATENCY);
        try {
            out.write(new byte[4]); // 0 µs: no idle state with an exit latency
            out.flush();
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return out;
    }

    @Override
    public void nice(int nice) throws IOException {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice value " + nice + " outside [-20, 19]");
        }
        if (posix.libc().sched_setscheduler(0, SCHED_OTHER, new int[] {0}) != 0) {
            throw posix.error("sched_setscheduler(SCHED_OTHER)");
        }
        if (posix.libc().setpriority(PRIO_PROCESS, 0, nice) != 0) {
            throw posix.error("setpriority(" + nice + ")");
        }
    }
}
