package org.calpe.net.api;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel's scheduling class of the calling thread, for the threads whose wake-up latency is the product:
 * VRRP's protocol loop and its receive threads (keepalived's {@code vrrp_rt_priority} and {@code vrrp_priority}).
 * Threads the calling thread starts afterwards inherit what is set here (Linux threads inherit the policy).
 */
@ProviderType
public interface ThreadScheduling {

    /**
     * Puts the calling thread into the round-robin real-time class ({@code SCHED_RR}) with {@code priority}.
     *
     * @param priority 1 (lowest) to 99
     * @throws IOException if the kernel refuses (no privilege, or a real-time limit)
     */
    void realtime(int priority) throws IOException;

    /**
     * Leaves the real-time class ({@code SCHED_OTHER}) and sets the calling thread's nice value.
     *
     * @param nice -20 (most favoured) to 19
     * @throws IOException if the kernel refuses (a negative value needs privilege)
     */
    void nice(int nice) throws IOException;

    /**
     * Asks the kernel to keep the CPUs out of idle states that are slow to leave until the returned handle is
     * closed (PM QoS: {@code cpu_dma_latency} 0) — for the moments when a timer's wake-up must be prompt, such as a
     * VRRP backup whose Master_Down timer is about to expire. A CPU that has halted, and on a virtual machine a
     * virtual CPU the host has descheduled, takes tens of microseconds or more to run the woken thread; while
     * the request holds, idle CPUs poll instead (and use power doing so), so hold it for milliseconds only.
     * The default does nothing.
     *
     * @return the request; closing it withdraws it
     * @throws IOException if the request cannot be made (no such device, no privilege)
     */
    default Closeable promptWakeups() throws IOException {
        return () -> {
        };
    }

    /**
     * Why a real-time Java thread is unsafe in this JVM, or empty when it is not. With a collector that works
     * beside the application (Shenandoah, ZGC, G1), a Java thread that needs the collector or its locks — a new
     * allocation buffer, a paced allocation — can wait for a thread in the ordinary class by spinning and yielding;
     * a {@code SCHED_RR} thread that does so never lets that thread run on its CPU, and with one such thread per
     * CPU nothing in the ordinary class runs until the kernel's real-time throttling steps in
     * ({@code sched_rt_runtime_us}: 0.95 s of every second). Measured here: Calpe's VRRP loop and receive thread
     * spinning for ~0.95 s under a garbage-allocating bundle with Shenandoah, starving keepalived on the same
     * machine too. The stop-the-world collectors (Serial, Parallel) block waiting threads in the kernel instead.
     */
    default Optional<String> realtimeHazard() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return realtimeHazard(names);
    }

    /** {@link #realtimeHazard()} for a JVM whose collectors' management names are {@code collectorNames}. */
    static Optional<String> realtimeHazard(List<String> collectorNames) {
        Set<String> stopTheWorld = Set.of("Copy", "MarkSweepCompact", "PS Scavenge", "PS MarkSweep");
        List<String> concurrent = new ArrayList<>();
        for (String n : collectorNames) {
            if (!stopTheWorld.contains(n)) {
                concurrent.add(n);
            }
        }
        if (concurrent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the JVM's collector (" + String.join(", ", concurrent)
                + ") runs beside the application, and a real-time thread waiting for it can starve the ordinary"
                + " class for up to sched_rt_runtime_us");
    }
}
