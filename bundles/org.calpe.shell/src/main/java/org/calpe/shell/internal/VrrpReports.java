package org.calpe.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;

/** Plain-text renderings of the VRRP engine's snapshot for the shell. */
final class VrrpReports {
    static final String NO_ENGINE = "No VRRP engine running (role check, or the VRRP bundle is stopped or being "
            + "updated)\n";

    private VrrpReports() {
    }

    /** One line per instance, then one per sync group. */
    static String table(List<InstanceStatus> instances, List<GroupStatus> groups) {
        if (instances.isEmpty()) {
            return "No VRRP instances configured\n";
        }
        int w = "NAME".length();
        int wi = "INTERFACE".length();
        for (InstanceStatus i : instances) {
            w = Math.max(w, i.name().length());
            wi = Math.max(wi, i.interfaceName().length());
        }
        String row = "%-" + w + "s  %-7s  %-" + wi + "s  %4s  %-7s  %-15s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(row, "NAME", "STATE", "INTERFACE", "VRID", "PRIO",
                "MASTER", "VIPS"));
        for (InstanceStatus i : instances) {
            sb.append(String.format(row, i.name(), i.state(), i.interfaceName(), i.vrid(),
                    i.basePriority() + "/" + i.effectivePriority(), master(i),
                    i.virtualAddresses().isEmpty() ? "-" : String.join(", ", i.virtualAddresses())));
        }
        if (!groups.isEmpty()) {
            sb.append('\n').append(String.format("%-" + w + "s  %-7s  %s%n", "GROUP", "STATE", "INSTANCES"));
            for (GroupStatus g : groups) {
                sb.append(String.format("%-" + w + "s  %-7s  %s%n", g.name(), g.state(),
                        String.join(", ", g.instances())));
            }
        }
        return sb.toString();
    }

    private static String master(InstanceStatus i) {
        return i.masterAddress().isEmpty() ? "-" : i.masterAddress();
    }

    /** The detail view of one instance, its counters under keepalived's names. */
    static String detail(InstanceStatus i, Optional<GroupStatus> group) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Instance", i.name());
        line(sb, "State", i.state() + " (wanted " + i.wantState() + ") since " + i.lastTransition());
        line(sb, "Interface", i.interfaceName() + " (" + i.family() + ", VRRPv" + i.version() + ")");
        line(sb, "VRID", Integer.toString(i.vrid()));
        line(sb, "Priority", i.basePriority() + " base, " + i.effectivePriority() + " effective");
        line(sb, "Advert int", seconds(i.advertInterval()) + " (master's " + seconds(i.masterAdvertInterval())
                + ")");
        line(sb, "Master", i.masterAddress().isEmpty() ? "unknown"
                : i.masterAddress() + " priority " + i.masterPriority());
        line(sb, "Sync group", group.map(g -> g.name() + " (" + g.state() + ")").orElse("none"));
        if (i.virtualAddresses().isEmpty()) {
            line(sb, "VIPs", "none");
        } else {
            for (int n = 0; n < i.virtualAddresses().size(); n++) {
                line(sb, n == 0 ? "VIPs" : "", i.virtualAddresses().get(n));
            }
        }
        sb.append("Counters:\n");
        InstanceStats s = i.stats();
        counter(sb, "advert_rcvd", s.advertRcvd());
        counter(sb, "advert_sent", s.advertSent());
        counter(sb, "become_master", s.becomeMaster());
        counter(sb, "release_master", s.releaseMaster());
        counter(sb, "packet_len_err", s.packetLenErr());
        counter(sb, "ip_ttl_err", s.ipTtlErr());
        counter(sb, "vers_err", s.versErr());
        counter(sb, "invalid_type_rcvd", s.invalidTypeRcvd());
        counter(sb, "chk_err", s.chkErr());
        counter(sb, "addr_list_err", s.addrListErr());
        counter(sb, "invalid_authtype", s.invalidAuthtype());
        counter(sb, "authtype_mismatch", s.authtypeMismatch());
        counter(sb, "auth_failure", s.authFailure());
        counter(sb, "other_drops", s.otherDrops());
        counter(sb, "pri_zero_rcvd", s.priZeroRcvd());
        counter(sb, "pri_zero_sent", s.priZeroSent());
        return sb.toString();
    }

    /** The detail view of one sync group and its members' states. */
    static String group(GroupStatus g, List<InstanceStatus> instances) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Sync group", g.name());
        line(sb, "State", g.state() + " since " + g.lastTransition());
        for (int n = 0; n < g.instances().size(); n++) {
            String name = g.instances().get(n);
            String state = instances.stream().filter(i -> i.name().equals(name)).findFirst()
                    .map(i -> i.state().toString()).orElse("unknown");
            line(sb, n == 0 ? "Instances" : "", name + " " + state);
        }
        return sb.toString();
    }

    static String seconds(Duration d) {
        return JsonWriter.g(KeepalivedJson.seconds(d)) + "s";
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-12s %s%n", label.isEmpty() ? "" : label + ":", value));
    }

    private static void counter(StringBuilder sb, String name, long value) {
        sb.append(String.format("  %-20s %d%n", name, value));
    }
}
