package org.calpe.vrrp.api.dto;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;

/**
 * A snapshot of one {@code vrrp_instance}.
 *
 * @param name the instance name ({@code VI_1})
 * @param vrid {@code virtual_router_id}, 1–255
 * @param interfaceName the interface the instance runs on
 * @param family "inet" or "inet6"
 * @param version the VRRP version, 2 or 3
 * @param state the current state
 * @param wantState the state the instance is configured to start in ({@code state MASTER|BACKUP}), or the
 *        state a sync group wants it in
 * @param basePriority the configured {@code priority}
 * @param effectivePriority the priority after track weights (what goes into adverts)
 * @param advertInterval the configured {@code advert_int}
 * @param masterAdvertInterval the advert interval learned from the master (VRRPv3, RFC 5798 §6.1)
 * @param masterAddress the address of the current master ({@code ""} when unknown)
 * @param masterPriority the priority of the current master (0 when unknown)
 * @param virtualAddresses the {@code virtual_ipaddress} entries, as written in the configuration
 * @param lastTransition when the instance entered its current state
 * @param stats the instance's counters
 */
public record InstanceStatus(String name, int vrid, String interfaceName, String family, int version,
        VrrpState state, VrrpState wantState, int basePriority, int effectivePriority, Duration advertInterval,
        Duration masterAdvertInterval, String masterAddress, int masterPriority, List<String> virtualAddresses,
        Instant lastTransition, InstanceStats stats) {

    public InstanceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(wantState, "wantState");
        Objects.requireNonNull(advertInterval, "advertInterval");
        Objects.requireNonNull(masterAdvertInterval, "masterAdvertInterval");
        Objects.requireNonNull(masterAddress, "masterAddress");
        virtualAddresses = List.copyOf(virtualAddresses);
        Objects.requireNonNull(lastTransition, "lastTransition");
        Objects.requireNonNull(stats, "stats");
    }
}
