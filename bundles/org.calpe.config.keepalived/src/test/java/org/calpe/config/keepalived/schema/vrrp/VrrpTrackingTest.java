package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.TrackRef;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.has;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.instance;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpTrackingTest {
    private static final String SEC = "global_defs {\n enable_script_security\n script_user root\n}\n";
    private static final String SCRIPT = "vrrp_script chk {\n script /bin/true\n weight 10\n}\n";

    @TempDir
    Path tmp;

    @Test
    void trackScriptWithWeights() {
        ParseResult r = parse(tmp, SEC + SCRIPT + instance("track_script {\n chk weight -5 reverse\n}"));
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        TrackRef t = (TrackRef) r.config().orElseThrow().vrrpInstances().get(0).block("track_script").orElseThrow()
                .items().findFirst().orElseThrow().value();
        assertEquals(new TrackRef("chk", -5, true), t);
    }

    /** An explicit noreverse reaches the runtime: there it overrides the script's own reverse (keepalived). */
    @Test
    void explicitNoreverseIsKeptInTheEntryWords() {
        ParseResult r = parse(tmp, SEC + SCRIPT + instance("track_script {\n chk weight -5 noreverse\n}"));
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        var item = r.config().orElseThrow().vrrpInstances().get(0).block("track_script").orElseThrow().items()
                .findFirst().orElseThrow();
        assertEquals(new TrackRef("chk", -5, false), item.value());
        assertEquals(java.util.List.of("chk", "weight", "-5", "noreverse"), item.words());
        ParseResult plain = parse(tmp, SEC + SCRIPT + instance("track_script {\n chk weight -5\n}"));
        assertEquals(java.util.List.of("chk", "weight", "-5"), plain.config().orElseThrow().vrrpInstances().get(0)
                .block("track_script").orElseThrow().items().findFirst().orElseThrow().words());
    }

    private java.util.List<java.util.List<String>> entries(String block, String entry) {
        String decl = SCRIPT + "vrrp_track_file tf {\n file /tmp/calpe-test-tf\n weight 3 reverse\n}\n";
        ParseResult r = parse(tmp, SEC + decl + instance(block + " {\n " + entry + "\n}"));
        return r.config().orElseThrow().vrrpInstances().get(0).block(block).map(b -> b.items()
                .map(i -> i.words()).toList()).orElse(java.util.List.of());
    }

    /** What keepalived 2.2.7 keeps of a malformed entry (the corpus track-entries holds its verdicts). */
    @Test
    void malformedEntriesAreDroppedOrKeptAsKeepalivedDoes() {
        assertEquals(java.util.List.of(), entries("track_script", "chk foo"));
        assertEquals(java.util.List.of(), entries("track_script", "chk weight"));
        assertEquals(java.util.List.of(java.util.List.of("chk", "weight", "5")), entries("track_script",
                "chk weight 5 bar")); // kept, with the script's own reverse
        assertEquals(java.util.List.of(), entries("track_file", "tf weight 5 bar"));
        assertEquals(java.util.List.of(java.util.List.of("tf", "weight", "5", "noreverse")), entries("track_file",
                "tf weight 5 noreverse"));
        assertEquals(java.util.List.of(), entries("track_interface", "eth1 foo"));
        assertEquals(java.util.List.of(java.util.List.of("eth1", "weight", "5")), entries("track_interface",
                "eth1 weight 5 noreverse")); // not a track_interface option in keepalived: reported, not reversed
        assertTrue(has(parse(tmp, SEC + SCRIPT + instance("track_script {\n chk foo\n}")), Severity.ERROR,
                "unknown track script option foo - ignoring"));
        assertTrue(has(parse(tmp, instance("track_interface {\n eth1 weight 5 noreverse\n}")), Severity.ERROR,
                "unknown track_interace eth1 weight option noreverse - ignoring"));
        assertTrue(has(parse(tmp, SEC + SCRIPT + instance("track_script {\n chk weight\n}")), Severity.ERROR,
                "weight without value specified for track script chk - ignoring"));
    }

    @Test
    void scriptDeclaredAfterUseIsNotFound() {
        ParseResult r = parse(tmp, SEC + instance("track_script {\n chk\n}") + SCRIPT);
        assertTrue(has(r, Severity.ERROR, "track script chk not found"));
    }

    @Test
    void weightRanges() {
        assertTrue(has(parse(tmp, SEC + SCRIPT + instance("track_script {\n chk weight 300\n}")), Severity.ERROR,
                "weight must be between [-253..253]"));
        assertTrue(has(parse(tmp, instance("track_interface {\n eth1 weight 254\n}")), Severity.WARNING,
                "cannot be +/-254"));
        assertTrue(has(parse(tmp, SEC + "vrrp_script chk {\n script /bin/true\n weight 254\n}\n"
                + instance("track_script {\n chk\n}")), Severity.ERROR, "must be in [-253, 253]"));
    }

    @Test
    void ownerIgnoresWeightedScripts() {
        ParseResult r = parse(tmp, SEC + SCRIPT + instance("track_script {\n chk\n}").replace("priority 100",
                "priority 255"));
        assertTrue(has(r, Severity.ERROR, "ignoring tracked script chk with weights due to address_owner"));
    }

    @Test
    void syncGroupMembership() {
        String two = instance("") + instance("").replace("VI_1", "VI_2").replace("eth0", "eth1")
                .replace("198.18.0.10", "198.18.1.10");
        assertEquals(0, parse(tmp, "vrrp_sync_group SG {\n group {\n  VI_1\n  VI_2\n }\n}\n" + two).exitCode());
        assertTrue(has(parse(tmp, "vrrp_sync_group SG {\n group {\n  VI_1\n }\n}\n" + two), Severity.ERROR,
                "has only 1 virtual router(s)"));
        assertTrue(has(parse(tmp, "vrrp_sync_group SG {\n group {\n  VI_1\n  VI_9\n }\n}\n" + two), Severity.ERROR,
                "Virtual router VI_9 specified in sync group SG doesn't exist"));
        String weighted = "vrrp_sync_group SG {\n group {\n  VI_1\n  VI_2\n }\n}\n"
                + two.replaceFirst("\n}\n", "\ntrack_interface {\n eth2 weight 10\n}\n}\n");
        assertTrue(has(parse(tmp, weighted), Severity.ERROR, "tracked interface weight due to SYNC group"));
        assertEquals(0, parse(tmp, weighted.replace("group {\n  VI_1", "sync_group_tracking_weight\n group {\n  VI_1"))
                .exitCode());
    }

    @Test
    void trackProcessAndFile() {
        ParseResult r = parse(tmp, "vrrp_track_process tp {\n process keepalived\n quorum_max 2\n quorum 3\n}\n"
                + "track_file tf {\n weight 2\n}\n" + instance("track_process {\n tp\n}\ntrack_file {\n tf\n}"));
        assertTrue(has(r, Severity.ERROR, "Quorum is greater than quorum_max"));
        assertTrue(has(r, Severity.ERROR, "No file set for track_file tf"));
        assertTrue(has(r, Severity.ERROR, "track file tf not found"));
    }

    @Test
    void scriptsWithoutSecurityAreASecurityViolation() {
        ParseResult r = parse(tmp, instance("notify_master /bin/true"));
        assertEquals(6, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        assertEquals(0, parse(tmp, SEC + instance("notify_master /bin/true")).exitCode());
    }

    @Test
    void linkbeatAndDelaysOnMissingInterfacesAreFatal() {
        assertEquals(4, parse(tmp, "linkbeat_interfaces {\n eth9\n}\n" + instance("")).exitCode());
        assertEquals(4, parse(tmp, "interface_up_down_delays {\n eth9 1\n}\n" + instance("")).exitCode());
        assertEquals(0, parse(tmp, "interface_up_down_delays {\n eth1 0.5 2\n}\n" + instance("")).exitCode());
    }

    @Test
    void garpGroups() {
        assertEquals(0, parse(tmp, "garp_group {\n garp_interval 0.001\n interfaces {\n  eth1\n  eth2\n }\n}\n"
                + instance("")).exitCode());
        assertTrue(has(parse(tmp, "garp_group {\n interface eth1\n}\n" + instance("")), Severity.ERROR,
                "does not have any delay set"));
        assertTrue(has(parse(tmp, "garp_group {\n garp_interval 1\n interface eth1\n}\ngarp_group {\n"
                + " gna_interval 1\n interface eth1\n}\n" + instance("")), Severity.ERROR,
                "garp_group already specified for eth1"));
    }
}
