package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.TrackFileWeight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker blocks: common keywords, HTTP url blocks, DNS, UDP, MISC, FILE, BFD. */
class CheckerSchemaTest {
    @TempDir
    Path dir;

    private LvsFixture parse(String checker) throws IOException {
        return LvsFixture.parse(dir, LvsFixture.vs(checker));
    }

    @Test
    void httpGetTyped() throws IOException {
        LvsFixture f = parse("HTTP_GET {\n connect_timeout 0.5\n nb_get_retry 4\n http_protocol 1.0c\n"
                + " url {\n  path /health\n  digest 9B3A0C85A887A256D6939DA88AABD8CD\n"
                + "  status_code 200 300-302 401\n }\n}");
        assertEquals(List.of("nb_get_retry is deprecated - please use 'retry'"), f.messages());
        assertEquals(Severity.WARNING, f.diagnostics().get(0).severity());
        Block http = f.realServer().block("HTTP_GET").orElseThrow();
        assertEquals(500_000L, http.value("connect_timeout", Long.class).orElseThrow());
        assertEquals(4L, http.value("retry", Long.class).orElseThrow(), "nb_get_retry is retry");
        assertEquals("1.0C", http.value("http_protocol", String.class).orElseThrow());
        Block url = http.block("url").orElseThrow();
        assertEquals("9b3a0c85a887a256d6939da88aabd8cd", url.value("digest", String.class).orElseThrow());
        assertEquals(List.of("200", "300-302", "401"), url.value("status_code", List.class).orElseThrow());
    }

    @Test
    void httpGetProblems() throws IOException {
        assertEquals(List.of("Invalid HTTP_GET status code '99'", "Invalid HTTP_GET status code '300-200'",
                "digest '9b3a' character length should be 32 rather than 4",
                "HTTP/SSL_GET checker url has no path - ignoring",
                "HTTP/SSL_GET checker has no urls specified - ignoring"),
                parse("HTTP_GET {\n url {\n  status_code 99 300-200 600-599x\n  digest 9b3a\n }\n}").messages()
                        .stream().filter(m -> !m.contains("600")).toList());
    }

    @Test
    void regexProblemsDoNotChangeTheVerdict() throws IOException {
        LvsFixture f = parse("HTTP_GET {\n url {\n  path /\n  regex \"([a-z\"\n  regex_stack 9 1\n }\n}");
        assertEquals(List.of(), f.messages());
        assertTrue(f.diagnostics().stream().allMatch(d -> d.severity() == Severity.INFO));
        assertEquals(2, f.diagnostics().size());
    }

    @Test
    void connectionFamiliesMustAgree() throws IOException {
        assertEquals(List.of("bindto address 2001:db8::5 does not match address family of connect_ip - skipping",
                "Checker link local address fe80::1 requires a bind_if"),
                parse("TCP_CHECK {\n connect_ip 198.18.1.1\n bindto 2001:db8::5\n}\n"
                        + "TCP_CHECK {\n connect_ip fe80::1\n}").messages());
    }

    @Test
    void dnsNameQuirkOfKeepalived227() {
        assertTrue(CheckerValues.dnsNameAccepted("www.example.test"));
        assertTrue(CheckerValues.dnsNameAccepted("."));
        assertTrue(CheckerValues.dnsNameAccepted("x"));
        assertFalse(CheckerValues.dnsNameAccepted("a.example.test"), "one-character first label");
        assertFalse(CheckerValues.dnsNameAccepted("www..test"));
        assertFalse(CheckerValues.dnsNameAccepted(".test"));
    }

    @Test
    void dnsTypesAndNames() throws IOException {
        LvsFixture f = parse("DNS_CHECK {\n type aaaa\n name www.example.test\n name mail.example.test\n}\n"
                + "DNS_CHECK {\n type PTR\n}");
        assertEquals(List.of("DNS_CHECK name already specified - ignoring", "Unknown DNS check type PTR - ignoring"),
                f.messages());
        Block dns = f.realServer().blocks("DNS_CHECK").findFirst().orElseThrow();
        assertEquals("AAAA", dns.value("type", String.class).orElseThrow());
        assertEquals("www.example.test", dns.value("name", String.class).orElseThrow());
    }

    @Test
    void udpCheck() throws IOException {
        LvsFixture f = parse("UDP_CHECK {\n payload 0001 AB\n require_reply 12xx\n min_reply_length 100\n"
                + " max_reply_length 10\n}\nUDP_CHECK {\n payload 12zz\n}");
        assertEquals(List.of("UDP_CHECK min_reply length 100 > max_reply_length 10 - will always fail",
                "Invalid hex string for UDP_CHECK payload"), f.messages());
        Block udp = f.realServer().blocks("UDP_CHECK").findFirst().orElseThrow();
        assertEquals(List.of("0001", "ab"), udp.value("payload", List.class).orElseThrow());
    }

    @Test
    void miscFileAndBfd() throws IOException {
        LvsFixture f = parse("MISC_CHECK {\n misc_timeout 5\n connect_timeout 3\n}\n"
                + "FILE_CHECK {\n track_file T\n weight -2 reverse\n}\n"
                + "BFD_CHECK {\n name B1 B2\n}");
        assertEquals(List.of("Unknown keyword 'connect_timeout'",
                "No script path has been specified for MISC_CHECKER - skipping",
                "(198.18.1.1:80) BFD_CHECK - No or too many names specified - skipping checker",
                "No name has been specified for BFD_CHECKER - skipping",
                "track_file T not found", "FILE_CHECK has no track_file specified - ignoring"), f.messages());
        assertEquals(new TrackFileWeight(-2, true), f.realServer().block("FILE_CHECK").orElseThrow()
                .value("weight", TrackFileWeight.class).orElseThrow());
    }

    @Test
    void timersAndRanges() throws IOException {
        assertEquals(List.of("number '0' outside range [0.000001, 4294.967295]", "connect_timeout 0 invalid - ignoring",
                "number '0' outside range [1, 65535]", "Invalid checker connect_port '0'",
                "negative number '-1'", "Invalid retry connection value '-1'",
                "Interface name averyverylonginterfacename0 is too long - ignoring"),
                parse("TCP_CHECK {\n connect_timeout 0\n connect_port 0\n retry -1\n"
                        + " bind_if averyverylonginterfacename0\n}").messages());
    }
}
