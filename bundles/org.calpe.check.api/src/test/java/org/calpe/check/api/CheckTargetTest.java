package org.calpe.check.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CheckTargetTest {

    private static final InetSocketAddress RS = new InetSocketAddress("198.18.0.2", 80);

    @Test
    void namedLikeKeepalived() {
        assertEquals("[198.18.0.2]:tcp:80", CheckTarget.of(RS, Duration.ofSeconds(5)).name());
        assertEquals("[2001:db8:0:0:0:0:0:2]:tcp:443",
                CheckTarget.formatName(new InetSocketAddress("2001:db8::2", 443)));
    }

    @Test
    void localAddressOnlyWhenBindtoOrBindPortSet() throws Exception {
        CheckTarget t = CheckTarget.of(RS, Duration.ofSeconds(5));
        assertEquals(Optional.empty(), t.localAddress());
        assertEquals(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5555),
                t.withBind(null, 5555).localAddress().orElseThrow());
        assertEquals(new InetSocketAddress(InetAddress.getByName("::"), 5555),
                CheckTarget.of(new InetSocketAddress("2001:db8::2", 80), Duration.ofSeconds(1)).withBind(null, 5555)
                        .localAddress().orElseThrow());
        assertEquals(new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 0),
                t.withBind(InetAddress.getByName("198.18.0.1"), 0).localAddress().orElseThrow());
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> CheckTarget.of(RS, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> CheckTarget.of(InetSocketAddress.createUnresolved("example.invalid", 80), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> CheckTarget.of(RS, Duration.ofSeconds(1)).withBind(null, 65536));
    }

    @Test
    void optionsAreCopied() {
        var options = new java.util.HashMap<String, Object>(Map.of("k", "v"));
        CheckTarget t = new CheckTarget("n", RS, null, 0, "", 0, Duration.ofSeconds(1), options);
        options.put("x", "y");
        assertEquals(Map.of("k", "v"), t.options());
        assertThrows(UnsupportedOperationException.class, () -> t.options().put("z", "z"));
        assertTrue(t.localAddress().isEmpty());
    }
}
