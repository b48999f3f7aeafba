package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The warm-up of the advert path: it runs the real encoding, sends nothing and changes no counter. */
class AdvertSenderTest {

    private static final InetAddress SOURCE = VirtualIp.ip("198.18.0.1");

    @Test
    void warmUpEncodesWithoutSendingOrCounting() throws Exception {
        InstanceSpec spec = InstanceSpec.parse(Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24"),
                Map.of());
        AdvertSender warmed = new AdvertSender(spec);
        Recorder socket = new Recorder();
        assertTrue(warmed.warmUp(SOURCE, null, 50));
        assertEquals(0, socket.sent.size());
        warmed.send(socket, SOURCE, 150, null);

        AdvertSender fresh = new AdvertSender(spec);
        Recorder other = new Recorder();
        fresh.send(other, SOURCE, 150, null);
        // the same first datagram, IP id included: the warm-up left the id where it was
        assertArrayEquals(other.sent.get(0), socket.sent.get(0));
    }

    @Test
    void warmUpWithoutTheNeededAuthenticatorReportsFailure() {
        Map<String, Object> p = Engine.instance("VI_2", "eth0", 52, 150, 2, 1, "198.18.0.101/24");
        p.put("authentication", new String[] {"auth_type AH auth_pass secret1"});
        AdvertSender sender = new AdvertSender(InstanceSpec.parse(p, Map.of()));
        assertFalse(sender.warmUp(SOURCE, null, 10));
        assertTrue(sender.encodingKind().contains("AH"));
    }

    private static final class Recorder extends RecordingSocket {
    }
}
