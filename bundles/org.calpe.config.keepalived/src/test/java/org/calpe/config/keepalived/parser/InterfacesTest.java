package org.calpe.config.keepalived.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class InterfacesTest {
    @Test
    void parsesProcNetDevIncludingDownInterfacesWithoutAddresses() {
        String text = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets
                    lo:       0       0    0    0    0     0          0         0        0       0
                  eth0:    1200      10    0    0    0     0          0         0      800       8
                bench39:       0       0    0    0    0     0          0         0        0       0
                """;
        assertEquals(Set.of("lo", "eth0", "bench39"), Interfaces.parseProcNetDev(text));
    }

    @Test
    void liveLookupSeesLoopback() {
        assertTrue(Interfaces.live().test("lo"));
    }
}
