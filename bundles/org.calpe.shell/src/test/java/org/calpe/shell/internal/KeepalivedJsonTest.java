package org.calpe.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.junit.jupiter.api.Test;

/**
 * The JSON dump against keepalived-2.2.7.json, which keepalived 2.2.7 wrote on its JSON signal for
 * keepalived-2.2.7-json.conf (both instances MASTER, alone on a veth in a private namespace).
 */
class KeepalivedJsonTest {
    static String golden() throws IOException {
        try (InputStream in = KeepalivedJsonTest.class.getResourceAsStream("keepalived-2.2.7.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sameKeysTypesAndNestingAsKeepalived() throws IOException {
        Object golden = JsonShape.of(golden());
        Object ours = JsonShape.of(KeepalivedJson.write(List.of(FakeVrrp.VI_1, FakeVrrp.VI_6)));
        assertEquals(golden, ours);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) ours).get(0))
                .get("data");
        assertEquals("number", data.get("last_transition"));
        assertEquals("boolean", data.get("vipset"));
        assertEquals(List.of("string", "string", "string", "string"), data.get("vips"));
    }

    @Test
    void equivalentInstancesGiveKeepalivedsBytes() throws IOException {
        assertEquals(golden(), KeepalivedJson.write(List.of(FakeVrrp.VI_1, FakeVrrp.VI_6)));
    }

    @Test
    void shapeDiffersWhenAnInstanceHasNoVips() throws IOException {
        InstanceStatus bare = new InstanceStatus("VI_1", 51, "calpe-sv0", "inet", 2, VrrpState.BACKUP,
                VrrpState.BACKUP, 150, 150, Duration.ofSeconds(1), Duration.ofSeconds(1), "198.18.0.3", 200,
                List.of(), Instant.EPOCH, InstanceStats.ZERO);
        String json = KeepalivedJson.write(List.of(bare));
        assertNotEquals(JsonShape.of(golden()), JsonShape.of(json));
        assertTrue(json.contains("\"master_priority\":200,\"last_transition\":0.000000,"), json);
        assertTrue(json.contains("\"vipset\":false"), json);
        assertTrue(json.contains("\"state\":1,\"wantstate\":1,"), json);
        assertTrue(json.contains("\"notify_deleted\":false,\"auth_type\":0}"), json);
    }

    @Test
    void emptyEngineGivesAnEmptyArray() {
        assertEquals("[]\n", KeepalivedJson.write(List.of()));
    }

    @Test
    void intervalsAndCountersMapToKeepalivedsFields() {
        InstanceStats stats = new InstanceStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        InstanceStatus i = new InstanceStatus("V", 1, "eth0", "inet", 3, VrrpState.FAULT, VrrpState.BACKUP, 100,
                90, Duration.ofMillis(10), Duration.ofMillis(20), "", 0, List.of(), Instant.ofEpochSecond(5, 7000),
                stats);
        String json = KeepalivedJson.write(List.of(i));
        assertTrue(json.contains("\"last_transition\":5.000007,"), json);
        assertTrue(json.contains("\"adver_int\":0.01,\"master_adver_int\":0.02,"), json);
        assertTrue(json.contains("\"base_priority\":100,\"effective_priority\":90,"), json);
        assertTrue(json.contains("\"state\":3,\"wantstate\":1,\"version\":3,"), json);
        assertTrue(json.endsWith("{\"advert_rcvd\":1,\"advert_sent\":2,\"become_master\":3,\"release_master\":4,"
                + "\"packet_len_err\":5,\"advert_interval_err\":0,\"ip_ttl_err\":6,\"invalid_type_rcvd\":8,"
                + "\"addr_list_err\":10,\"invalid_authtype\":11,\"authtype_mismatch\":12,\"auth_failure\":13,"
                + "\"pri_zero_rcvd\":15,\"pri_zero_sent\":16}}]\n"), json);
    }
}
