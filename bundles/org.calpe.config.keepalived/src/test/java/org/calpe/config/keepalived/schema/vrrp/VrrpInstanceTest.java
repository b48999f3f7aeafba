package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.UnicastPeer;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.has;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.instance;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpInstanceTest {
    @TempDir
    Path tmp;

    private Block vi1(ParseResult r) {
        return r.config().orElseThrow().vrrpInstances().get(0);
    }

    @Test
    void minimalInstanceIsClean() {
        ParseResult r = parse(tmp, instance(""));
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        Block b = vi1(r);
        assertEquals("VI_1", b.name());
        assertEquals(51, b.value("virtual_router_id", Integer.class).orElseThrow());
        assertEquals("eth0", b.value("interface", String.class).orElseThrow());
    }

    @Test
    void typedValues() {
        ParseResult r = parse(tmp, instance("advert_int 2\n preempt_delay 4.5\n strict_mode off\n state BACKUP"));
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        Block b = vi1(r);
        assertEquals(2.0, b.value("advert_int", Double.class).orElseThrow());
        assertEquals(4.5, b.value("preempt_delay", Double.class).orElseThrow());
        assertEquals(Boolean.FALSE, b.value("strict_mode", Boolean.class).orElseThrow());
        assertEquals("BACKUP", b.value("state", String.class).orElseThrow());
    }

    @Test
    void vridOutOfRange() {
        ParseResult r = parse(tmp, instance("").replace("virtual_router_id 51", "virtual_router_id 300"));
        assertEquals(5, r.exitCode());
        assertTrue(has(r, Severity.ERROR, "number '300' outside range [1, 255]"));
        assertTrue(has(r, Severity.ERROR, "the virtual router id must be set"));
    }

    @Test
    void missingInterfaceAndLoopback() {
        assertTrue(has(parse(tmp, instance("").replace("interface eth0", "interface eth9")), Severity.ERROR,
                "interface eth9 for vrrp_instance doesn't exist"));
        ParseResult lo = parse(tmp, instance("").replace("interface eth0", "interface lo"));
        assertTrue(has(lo, Severity.ERROR, "cannot use a loopback interface (lo)"));
        assertTrue(has(lo, Severity.ERROR, "Unknown interface!"));
    }

    @Test
    void unknownStateDefaultsToBackup() {
        ParseResult r = parse(tmp, instance("state ACTIVE"));
        assertTrue(has(r, Severity.WARNING, "unknown state 'ACTIVE', defaulting to BACKUP"));
        assertEquals("BACKUP", vi1(r).value("state", String.class).orElseThrow());
    }

    @Test
    void strictModeCrossChecks() {
        assertTrue(has(parse(tmp, instance("strict_mode\n state MASTER")), Severity.ERROR,
                "State MASTER must match being address owner"));
        assertEquals(0, parse(tmp, instance("strict_mode\n state MASTER").replace("priority 100", "priority 255"))
                .exitCode());
        assertTrue(has(parse(tmp, "global_defs {\n vrrp_strict\n}\n" + instance("preempt_delay 5")), Severity.WARNING,
                "preempt_delay is incompatible with strict mode"));
        // global_defs after the instance applies too, as keepalived completes instances at the end
        assertTrue(has(parse(tmp, instance("preempt_delay 5") + "global_defs {\n vrrp_strict\n}\n"),
                Severity.WARNING, "preempt_delay is incompatible with strict mode"));
    }

    @Test
    void advertIntervalPerVersion() {
        assertTrue(has(parse(tmp, instance("advert_int 1.5")), Severity.ERROR, "must be an integer"));
        assertEquals(0, parse(tmp, instance("advert_int 1.5\n version 3")).exitCode());
        assertTrue(has(parse(tmp, instance("advert_int 50\n version 3")), Severity.ERROR, "out of range"));
    }

    @Test
    void authentication() {
        String auth = "authentication {\n auth_type PASS\n auth_pass 0123456789\n}";
        ParseResult r = parse(tmp, instance(auth));
        assertTrue(has(r, Severity.ERROR, "Truncating auth_pass to 8 characters"));
        Block a = vi1(r).block("authentication").orElseThrow();
        assertEquals("01234567", a.value("auth_pass", String.class).orElseThrow());
        assertTrue(has(parse(tmp, instance("version 3\n" + auth)), Severity.ERROR,
                "VRRP version 3 does not support authentication"));
        assertTrue(has(parse(tmp, instance("authentication {\n auth_type MD5\n}")), Severity.ERROR,
                "unknown authentication type 'MD5'"));
    }

    @Test
    void unicastChecks() {
        String peers = "unicast_peer {\n 198.18.0.3 min_ttl 200 max_ttl 100\n}";
        ParseResult r = parse(tmp, instance(peers));
        assertTrue(has(r, Severity.ERROR, "min_ttl 200 > max_ttl 100"));
        UnicastPeer p = (UnicastPeer) vi1(r).block("unicast_peer").orElseThrow().items().findFirst().orElseThrow()
                .value();
        assertEquals(new UnicastPeer("198.18.0.3", 4, 200, 100), p);
        assertTrue(has(parse(tmp, instance("unicast_src_ip 198.18.0.2")), Severity.WARNING,
                "A unicast keyword has been specified without any unicast peers"));
        assertEquals(0, parse(tmp, instance("unicast_fault_no_peer")).exitCode());
        assertTrue(has(parse(tmp, instance("unicast_ttl 5")), Severity.ERROR,
                "Cannot use unicast_ttl without unicast peers"));
        assertTrue(has(parse(tmp, instance("use_vmac\n unicast_peer {\n 198.18.0.3\n}")), Severity.ERROR,
                "unicast with use_vmac requires vmac_xmit_base"));
    }

    @Test
    void duplicateVridOnlyForSameInterfaceFamilyAndGroup() {
        String second = instance("").replace("VI_1", "VI_2").replace("198.18.0.10", "198.18.0.11");
        assertTrue(has(parse(tmp, instance("") + second), Severity.ERROR, "VI_1 and VI_2 both use VRID 51"));
        assertEquals(0, parse(tmp, instance("") + second.replace("eth0", "eth1")).exitCode());
        String otherGroup = instance("mcast_dst_ip 224.0.0.19").replace("VI_1", "VI_2").replace("198.18.0.10",
                "198.18.0.11");
        assertEquals(0, parse(tmp, instance("") + otherGroup).exitCode());
    }

    @Test
    void duplicateNameIsSkipped() {
        ParseResult r = parse(tmp, instance("") + instance("").replace("virtual_router_id 51", "virtual_router_id 52"));
        assertTrue(has(r, Severity.ERROR, "vrrp instance VI_1 already defined"));
        assertEquals(1, r.config().orElseThrow().vrrpInstances().size());
    }

    @Test
    void preemptionConflicts() {
        assertTrue(has(parse(tmp, instance("state MASTER\n nopreempt")), Severity.WARNING,
                "nopreempt will not work with initial state MASTER"));
        assertTrue(has(parse(tmp, instance("nopreempt\n preempt_delay 5")), Severity.WARNING,
                "preempt_delay is incompatible with nopreempt mode"));
        assertEquals(0, parse(tmp, instance("nopreempt\n preempt\n preempt_delay 5")).exitCode());
    }

    @Test
    void deprecatedSpellingsAreReported() {
        ParseResult r = parse(tmp, instance("vmac_garp_intvl 60"));
        assertTrue(has(r, Severity.WARNING, "\"vmac_garp_intvl\" is deprecated"));
        assertEquals(60L, vi1(r).setting("garp_extra_if").map(s -> Long.parseLong(s.args().get(0)))
                .orElseThrow());
        assertTrue(has(parse(tmp, instance("linkbeat_use_polling")), Severity.WARNING, "deprecated"));
    }
}
