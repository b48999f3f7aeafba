package org.calpe.appliance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.calpe.appliance.api.HostCapabilities;

/** Finds what the host allows by reading procfs (no native code): uid, capabilities, kernel IPVS. */
final class HostProbe {
    private final Path proc;

    /** @param proc the procfs root, {@code /proc} on a real host */
    HostProbe(Path proc) {
        this.proc = proc;
    }

    HostCapabilities probe() {
        ProcStatus status = readStatus();
        boolean ipvs = Files.exists(proc.resolve("net/ip_vs"));
        return new HostCapabilities(status.effectiveUid(), status.has(ProcStatus.CAP_NET_RAW),
                status.has(ProcStatus.CAP_NET_ADMIN), ipvs);
    }

    private ProcStatus readStatus() {
        try {
            return ProcStatus.parse(Files.readString(proc.resolve("self/status"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcStatus(-1, 0);
        }
    }
}
