package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Messages and order as keepalived 2.2.7's genhash prints them (checked against the installed binary). */
class GenhashArgumentsTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private GenhashArguments.Result parse(String... args) {
        return GenhashArguments.parse("genhash", Arrays.asList(args), err);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private void assertFails(String messages, String... args) {
        GenhashArguments.Result r = parse(args);
        assertFalse(r.ok());
        assertEquals(1, r.exitCode());
        assertEquals(messages + GenhashArguments.usage("genhash"), err());
    }

    @Test
    void validCommandLine() {
        GenhashArguments.Result r = parse("-s", "127.0.0.1", "-p", "8080", "-u", "/index.html");
        assertTrue(r.ok());
        GenhashOptions o = r.options();
        assertEquals("127.0.0.1:8080", o.hostHeader());
        assertEquals("/index.html", o.url());
        assertEquals(HttpProtocol.HTTP_1_0, o.protocol());
        assertEquals(GenhashOptions.DEFAULT_TIMEOUT_MICROS, o.timeoutMicros());
        assertFalse(o.verbose() || o.ssl() || o.sni() || o.fwmark().isPresent());
        assertEquals("", err());
    }

    @Test
    void longOptionsAbbreviationsAttachedValuesAndPermutation() {
        GenhashArguments.Result r = parse("--se", "::1", "--port=443", "-u/x", "-vSI", "--use-v", "vh", "-P1.1",
                "-t", " 5");
        assertTrue(r.ok(), err());
        GenhashOptions o = r.options();
        assertEquals("vh", o.hostHeader());
        assertTrue(o.verbose() && o.ssl() && o.sni() && o.ipv6());
        assertEquals(HttpProtocol.HTTP_1_1, o.protocol());
        assertEquals(5_000_000L, o.timeoutMicros());
        assertEquals(443, o.port());
    }

    @Test
    void tooFewArgumentsPrintOnlyTheUsage() {
        assertFails("", "-x");
        errBytes.reset();
        assertFails("", "--foo");
    }

    @Test
    void unknownOptionsAreReportedAndParsingGoesOn() {
        assertFails("Unknown option -x\nUnknown option -y\nserver should be an IP, not 1\n", "-vxy", "-s", "1");
        errBytes.reset();
        assertFails("Unknown option --use\n", "--use", "-s", "127.0.0.1", "-p", "1", "-u", "/");
        errBytes.reset();
        assertFails("Unknown option --verbose=1\n", "--verbose=1", "-s", "127.0.0.1");
        errBytes.reset();
        assertFails("Unknown option --genhash\nserver should be an IP, not 1\n", "--genhash", "-s", "1");
    }

    @Test
    void helpAndUnknownOptionsComeBeforeLeftOverArguments() {
        assertFails("", "-h", "a");
        errBytes.reset();
        assertFails("Unknown option -x\n", "-x", "word");
        errBytes.reset();
        assertFails("Unexpected argument(s): a b c\n", "a", "b", "c");
        errBytes.reset();
        assertFails("Unexpected argument(s): -v\n", "-s", "127.0.0.1", "-p", "1", "-u", "/", "--", "-v");
    }

    @Test
    void invalidValuesStopAtOnce() {
        assertFails("invalid port number '0'\n", "-p", "0", "-x", "-u", "/");
        errBytes.reset();
        assertFails("invalid port number '0x50'\n", "-s", "127.0.0.1", "-p", "0x50", "-u", "/");
        errBytes.reset();
        assertFails("invalid HTTP protocol version '1.1k'\n", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-P", "1.1k");
        errBytes.reset();
        assertFails("invalid timeout '-5'\n", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-t", "-5");
        errBytes.reset();
        assertFails("invalid timeout ''\n", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-t", "");
        errBytes.reset();
        assertFails("invalid fwmark 'x'\n", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-m", "x");
        errBytes.reset();
        assertFails("Missing parameter for option -p\n", "-s", "127.0.0.1", "-u", "/", "-vp");
        errBytes.reset();
        for (String s : new String[] {"localhost", "127.1", "127.0.0.01", "fe80::1%lo", "[::1]", "127.0.0.1:80"}) {
            errBytes.reset();
            assertFails("server should be an IP, not " + s + "\n", "-s", s, "-p", "80", "-u", "/");
        }
    }

    @Test
    void mandatoryServerPortAndUrl() {
        assertFails("", "-s", "127.0.0.1", "-p", "80");
        errBytes.reset();
        assertFails("", "-p", "80", "-u", "/");
    }

    @Test
    void numbersAsTheCLibraryReadsThem() {
        assertEquals(18480, parse("-s", "127.0.0.1", "-p", " +18480", "-u", "/").options().port());
        // seconds * 10^6 in unsigned 32-bit arithmetic, like keepalived's timer
        assertEquals((5000L * 1_000_000L) & 0xFFFF_FFFFL,
                parse("-s", "127.0.0.1", "-p", "1", "-u", "/", "-t", "5000").options().timeoutMicros());
        assertEquals(0L, parse("-s", "127.0.0.1", "-p", "1", "-u", "/", "-t", "0").options().timeoutMicros());
        assertEquals(0L, parse("-s", "127.0.0.1", "-p", "1", "-u", "/", "-m", "").options().fwmark().getAsLong());
        assertEquals(7L, parse("-s", "127.0.0.1", "-p", "1", "-u", "/", "-m", " 7").options().fwmark().getAsLong());
    }

    @Test
    void hostHeaderForIpv6UsesInetNtopText() {
        GenhashOptions o = parse("-s", "0:0:0:0:0:ffff:7f00:1", "-p", "80", "-u", "/").options();
        assertEquals("[::ffff:127.0.0.1]:80", o.hostHeader());
        assertNull(o.virtualhost());
    }
}
