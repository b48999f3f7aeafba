package org.calpe.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;

/**
 * Calpe's VRRP snapshot as keepalived 2.2.7 writes {@code /tmp/keepalived.json} on its JSON signal
 * ({@code kill -s $(keepalived --signum=JSON) PID}): an array with one {@code {"data":{...},"stats":{...}}}
 * object per instance, keepalived's field names, order and value types.
 * <p>
 * Fields that {@link InstanceStatus} does not carry yet are written with keepalived's defaults for an instance
 * that does not set them: {@code dont_track_primary} 0, {@code skip_check_adv_addr} 0, {@code strict_mode} 0,
 * {@code vmac_ifname} "", {@code garp_delay} 5, {@code garp_refresh} 0, {@code garp_rep} 5,
 * {@code garp_refresh_rep} 1, {@code garp_lower_prio_delay} 5, {@code garp_lower_prio_rep} 5,
 * {@code lower_prio_no_advert} 0, {@code higher_prio_send_advert} 0, {@code promote_secondaries} false,
 * {@code accept} 1, {@code nopreempt} false, {@code preempt_delay} 0, {@code smtp_alert} false,
 * {@code notify_deleted} false, {@code auth_type} 0, and the stats counter {@code advert_interval_err} 0 (Calpe
 * counts that drop in {@link InstanceStats#otherDrops()}). The optional members keepalived writes only when
 * configured ({@code script_*}, {@code evips}, {@code vroutes}, {@code vrules}, {@code track_ifp},
 * {@code track_script}, {@code auth_data}) are left out, as keepalived leaves them out for an instance without
 * them. {@code vipset} is true in MASTER state (when the virtual addresses are set).
 */
final class KeepalivedJson {
    private KeepalivedJson() {
    }

    /** The dump of all instances, ending with a newline as keepalived's file does. */
    static String write(List<InstanceStatus> instances) {
        JsonWriter w = new JsonWriter().beginArray();
        for (InstanceStatus i : instances) {
            w.beginObject().name("data");
            data(w, i);
            w.name("stats");
            stats(w, i.stats());
            w.endObject();
        }
        return w.endArray() + "\n";
    }

    private static void data(JsonWriter w, InstanceStatus i) {
        boolean master = i.state() == VrrpState.MASTER;
        w.beginObject()
                .field("iname", i.name())
                .field("dont_track_primary", 0)
                .field("skip_check_adv_addr", 0)
                .field("strict_mode", 0)
                .field("vmac_ifname", "")
                .field("ifp_ifname", i.interfaceName())
                .field("master_priority", i.masterPriority())
                .name("last_transition").rawNumber(seconds(i.lastTransition()))
                .name("garp_delay").rawNumber(JsonWriter.g(5))
                .field("garp_refresh", 0)
                .field("garp_rep", 5)
                .field("garp_refresh_rep", 1)
                .field("garp_lower_prio_delay", 5)
                .field("garp_lower_prio_rep", 5)
                .field("lower_prio_no_advert", 0)
                .field("higher_prio_send_advert", 0)
                .field("vrid", i.vrid())
                .field("base_priority", i.basePriority())
                .field("effective_priority", i.effectivePriority())
                .field("vipset", master && !i.virtualAddresses().isEmpty())
                .field("promote_secondaries", false)
                .name("adver_int").rawNumber(JsonWriter.g(seconds(i.advertInterval())))
                .name("master_adver_int").rawNumber(JsonWriter.g(seconds(i.masterAdvertInterval())))
                .field("accept", 1)
                .field("nopreempt", false)
                .field("preempt_delay", 0)
                .field("state", i.state().code())
                .field("wantstate", i.wantState().code())
                .field("version", i.version())
                .field("smtp_alert", false)
                .field("notify_deleted", false);
        if (!i.virtualAddresses().isEmpty()) {
            w.name("vips").beginArray();
            for (String vip : i.virtualAddresses()) {
                w.value(KeepalivedVip.format(vip, i.interfaceName(), master));
            }
            w.endArray();
        }
        w.field("auth_type", 0).endObject();
    }

    private static void stats(JsonWriter w, InstanceStats s) {
        w.beginObject()
                .field("advert_rcvd", s.advertRcvd())
                .field("advert_sent", s.advertSent())
                .field("become_master", s.becomeMaster())
                .field("release_master", s.releaseMaster())
                .field("packet_len_err", s.packetLenErr())
                .field("advert_interval_err", 0)
                .field("ip_ttl_err", s.ipTtlErr())
                .field("invalid_type_rcvd", s.invalidTypeRcvd())
                .field("addr_list_err", s.addrListErr())
                .field("invalid_authtype", s.invalidAuthtype())
                .field("authtype_mismatch", s.authtypeMismatch())
                .field("auth_failure", s.authFailure())
                .field("pri_zero_rcvd", s.priZeroRcvd())
                .field("pri_zero_sent", s.priZeroSent())
                .endObject();
    }

    /** keepalived's timers have microsecond resolution. */
    static double seconds(Duration d) {
        return (d.toNanos() / 1000) / 1e6;
    }

    /** A timeval as {@code %f}: seconds and six digits of microseconds. */
    static String seconds(Instant t) {
        return String.format(java.util.Locale.ROOT, "%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
    }
}
