package org.calpe.config.keepalived.schema.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.calpe.config.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-configuration checks of virtual servers, with keepalived 2.2.7's wording. */
class VirtualServerCheckTest {
    @TempDir
    Path dir;

    private List<String> check(String text) throws IOException {
        return LvsFixture.parse(dir, text).messages();
    }

    @Test
    void missingDefaultsAreWarnings() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n real_server 198.18.1.1 80 {\n }\n}\n");
        assertEquals(List.of("Virtual server [198.18.0.1]:none:80: no protocol set - defaulting to UDP",
                "Virtual server [198.18.0.1]:none:80: no scheduler set, setting default 'wlc'",
                "Virtual server [198.18.0.1]:none:80: no forwarding method set, setting default NAT"), f.messages());
        f.diagnostics().forEach(d -> assertEquals(Severity.WARNING, d.severity()));
    }

    @Test
    void noRealServers() throws IOException {
        assertEquals(List.of("Virtual server [198.18.0.1]:tcp:80 has no real servers - ignoring"),
                check("virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n protocol TCP\n}\n"));
    }

    @Test
    void familyMismatchSkipsTheRealServerUnlessTunnelled() throws IOException {
        assertEquals(List.of("Address family of virtual server and real server 2001:db8::1 don't match - skipping"
                + " real server."), check("virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n"
                        + " protocol TCP\n real_server 2001:db8::1 80 {\n }\n real_server 198.18.1.1 80 {\n }\n"
                        + " real_server 2001:db8::2 80 {\n  lvs_method TUN\n }\n}\n"));
    }

    @Test
    void duplicatesAndPorts() throws IOException {
        assertEquals(List.of("WARNING - virtual server [198.18.0.1]:tcp:80 and real server [198.18.1.2]:8080 ports"
                + " don't match - resetting",
                "VS [198.18.0.1]:tcp:80: real server [198.18.1.1]:80 is duplicated - removing second rs"),
                check("virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method DR\n protocol TCP\n"
                        + " real_server 198.18.1.1 80 {\n }\n real_server 198.18.1.1 80 {\n }\n"
                        + " real_server 198.18.1.2 8080 {\n }\n}\n"));
        assertEquals(List.of("WARNING - fwmark virtual server FWM 3, real server [198.18.1.1]:80 has port specified"
                + " - clearing"), check("virtual_server fwmark 3 {\n lvs_sched rr\n lvs_method DR\n"
                        + " real_server 198.18.1.1 80 {\n }\n}\n"));
    }

    @Test
    void quorumAgainstTotalWeight() throws IOException {
        assertEquals(List.of("Warning - quorum 5 for [198.18.0.1]:tcp:80 exceeds total weight of real servers 3,"
                + " reducing quorum to 3",
                "Virtual server [198.18.0.1]:tcp:80: hysteresis 3 >= quorum 3; setting hysteresis to 2"),
                check("virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n protocol TCP\n quorum 5\n"
                        + " hysteresis 3\n real_server 198.18.1.1 80 {\n  weight 2\n }\n"
                        + " real_server 198.18.1.2 80 {\n }\n}\n"));
    }

    @Test
    void fwmarkSpecifics() throws IOException {
        assertEquals(List.of("Virtual server FWM 3: cannot use ha_suspend with fwmarks - clearing ha_suspend",
                "Warning: Virtual server FWM 3: protocol specified for fwmark - protocol will be ignored"),
                check("virtual_server fwmark 3 {\n lvs_sched rr\n lvs_method DR\n ha_suspend\n protocol TCP\n"
                        + " real_server 198.18.1.1 {\n }\n}\n"));
    }

    @Test
    void opsNeedsUdpAndZeroPortNeedsPersistence() throws IOException {
        assertEquals(List.of("Virtual server [198.18.0.1]:tcp:0: one packet scheduling requires UDP - resetting",
                "Virtual server [198.18.0.1]:tcp:0: zero port only valid for persistent services - setting"),
                check("virtual_server 198.18.0.1 0 {\n lvs_sched rr\n lvs_method NAT\n protocol TCP\n ops\n"
                        + " real_server 198.18.1.1 80 {\n }\n}\n"));
    }

    @Test
    void undefinedGroupIsOnlyInformation() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server group NOSUCH {\n lvs_sched rr\n lvs_method NAT\n"
                + " protocol TCP\n real_server 198.18.1.1 80 {\n }\n}\n");
        assertEquals(List.of(), f.messages());
        assertEquals(Severity.INFO, f.diagnostics().get(0).severity());
    }
}
