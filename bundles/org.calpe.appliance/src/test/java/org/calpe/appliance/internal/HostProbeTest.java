package org.calpe.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.calpe.appliance.api.HostCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {

    @TempDir
    Path proc;

    @Test
    void rootHostWithKernelIpvs() throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("self/status"), "Uid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
        Files.writeString(proc.resolve("net/ip_vs"), "IP Virtual Server version 1.2.1 (size=4096)\n");
        HostCapabilities caps = new HostProbe(proc).probe();
        assertEquals(new HostCapabilities(0, true, true, true), caps);
        assertTrue(caps.root());
        assertTrue(caps.vrrpCanRun());
        assertTrue(caps.kernelIpvsCanRun());
    }

    @Test
    void rootHostWithoutIpvs() throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "Uid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
        HostCapabilities caps = new HostProbe(proc).probe();
        assertTrue(caps.vrrpCanRun());
        assertFalse(caps.kernelIpvs());
        assertFalse(caps.kernelIpvsCanRun());
    }

    @Test
    void unreadableProcMeansNothingAllowed() {
        HostCapabilities caps = new HostProbe(proc.resolve("absent")).probe();
        assertEquals(new HostCapabilities(-1, false, false, false), caps);
        assertFalse(caps.root());
        assertFalse(caps.vrrpCanRun());
    }

    @Test
    void thisJvmMatchesItsOwnProcfs() {
        // the real /proc: whatever we are, the probe must agree with the uid the JVM sees
        HostCapabilities caps = new HostProbe(Path.of("/proc")).probe();
        assertEquals("root".equals(System.getProperty("user.name")), caps.root());
    }
}
