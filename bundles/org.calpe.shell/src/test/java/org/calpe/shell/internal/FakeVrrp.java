package org.calpe.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpStatus;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;

/**
 * A fixed VrrpStatus: the two instances of keepalived-2.2.7-json.conf in the state keepalived's own run of that
 * file was in when it wrote keepalived-2.2.7.json, plus a sync group over both.
 */
final class FakeVrrp implements VrrpStatus {
    static final InstanceStatus VI_1 = new InstanceStatus("VI_1", 51, "calpe-sv0", "inet", 2, VrrpState.MASTER,
            VrrpState.MASTER, 150, 150, Duration.ofSeconds(1), Duration.ofSeconds(1), "", 0,
            List.of("198.18.0.100/24", "198.18.0.101/24", "198.18.0.102",
                    "198.18.0.103/24 brd 198.18.0.255 label calpe-sv0:1"),
            Instant.ofEpochSecond(1795329628L, 904275000L), stats(3));
    static final InstanceStatus VI_6 = new InstanceStatus("VI_6", 52, "calpe-sv0", "inet6", 3, VrrpState.MASTER,
            VrrpState.MASTER, 100, 100, Duration.ofMillis(500), Duration.ofMillis(500), "", 0,
            List.of("2001:db8::100/64", "2001:db8::101"), Instant.ofEpochSecond(1795329627L, 295102000L),
            stats(9));

    private final List<InstanceStatus> instances;
    private final List<GroupStatus> groups;

    FakeVrrp(List<InstanceStatus> instances, List<GroupStatus> groups) {
        this.instances = instances;
        this.groups = groups;
    }

    static FakeVrrp golden() {
        return new FakeVrrp(List.of(VI_1, VI_6), List.of());
    }

    private static InstanceStats stats(long sent) {
        return new InstanceStats(0, sent, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public List<InstanceStatus> instances() {
        return instances;
    }

    @Override
    public List<GroupStatus> groups() {
        return groups;
    }
}
