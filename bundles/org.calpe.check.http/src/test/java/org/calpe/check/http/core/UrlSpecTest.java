package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UrlSpecTest {

    @Test
    void parsesTheCanonicalLine() {
        UrlSpec u = UrlSpec.parse("path \"/health check\" digest 9B3A0C5D0E1F2A3B4C5D6E7F8091A2B3 status_code 200"
                + " 301-302 virtualhost www.example.invalid regex \"up \\\"now\\\"\" regex_no_match regex_options"
                + " caseless multiline regex_min_offset 3 regex_max_offset 40 regex_stack 10 20");
        assertEquals("/health check", u.path());
        assertEquals(Optional.of("9b3a0c5d0e1f2a3b4c5d6e7f8091a2b3"), u.digestHex());
        assertTrue(u.statusCodes().accepts(200));
        assertTrue(u.statusCodes().accepts(302));
        assertFalse(u.statusCodes().accepts(250));
        assertEquals(Optional.of("www.example.invalid"), u.virtualhost());
        RegexSpec r = u.regex().orElseThrow();
        assertEquals("up \"now\"", r.source());
        assertTrue(r.noMatch());
        assertEquals(3, r.minOffset());
        assertEquals(40, r.maxOffset());
    }

    @Test
    void defaultsAndErrors() {
        UrlSpec u = UrlSpec.parse("path /");
        assertEquals(StatusCodes.defaults(), u.statusCodes());
        assertTrue(u.digest().isEmpty());
        assertTrue(u.regex().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> UrlSpec.parse("digest 9b3a"));
        assertThrows(IllegalArgumentException.class, () -> UrlSpec.parse("path / digest 9b3a"));
        assertThrows(IllegalArgumentException.class, () -> UrlSpec.parse("path / frobnicate 1"));
    }

    @Test
    void checkerOptions() {
        HttpGetSpec s = HttpGetSpec.fromOptions(Map.of("url", List.of("path /a", "path /b virtualhost u.invalid"),
                "virtualhost", "c.invalid", "http_protocol", "1.0C", "enable_sni", "true",
                HttpGetSpec.RS_VIRTUALHOST, "rs.invalid", HttpGetSpec.VS_VIRTUALHOST, "vs.invalid"));
        assertEquals(2, s.urls().size());
        assertEquals(HttpProtocol.HTTP_1_0C, s.protocol());
        assertEquals(Optional.of("c.invalid"), s.hostFor(s.urls().get(0)));
        assertEquals(Optional.of("u.invalid"), s.hostFor(s.urls().get(1)));
        assertEquals(Optional.of("u.invalid"), s.sniFor(s.urls().get(1)));

        HttpGetSpec inherited = HttpGetSpec.fromOptions(Map.of("url", new String[] {"path /"},
                HttpGetSpec.RS_VIRTUALHOST, "rs.invalid", HttpGetSpec.VS_VIRTUALHOST, "vs.invalid",
                "enable_sni", "true"));
        assertEquals(Optional.of("rs.invalid"), inherited.hostFor(inherited.urls().get(0)), "Host: rs before vs");
        assertEquals(Optional.of("vs.invalid"), inherited.sniFor(inherited.urls().get(0)), "SNI skips the rs");
        assertEquals(HttpProtocol.HTTP_1_0, inherited.protocol());
        assertFalse(inherited.fastRecovery());

        HttpGetSpec noSni = HttpGetSpec.fromOptions(Map.of("url", "path /", "virtualhost", "c.invalid"));
        assertTrue(noSni.sniFor(noSni.urls().get(0)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> HttpGetSpec.fromOptions(Map.of()));
    }

    @Test
    void wordsSplitLikeTheRenderingQuotes() {
        assertEquals(List.of("a", "b c", "d\"e", "f\\g", ""), Words.split("a \"b c\" \"d\\\"e\" \"f\\\\g\" \"\""));
    }
}
