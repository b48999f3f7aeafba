package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.calpe.vrrp.core.notify.NotifyFifoConfig;
import org.junit.jupiter.api.Test;

/** global_defs notify_fifo / vrrp_notify_fifo (+ _script) from Config Admin to the FIFOs the runtime opens. */
class NotifyFifoSettingsTest {

    @Test
    void bothFifosInKeepalivedsOrderWithTheirScripts() {
        List<NotifyFifoConfig> c = NotifyFifoSettings.of(new Props(Map.of(
                "vrrp_notify_fifo", "/run/vrrp.fifo",
                "notify_fifo", new String[] {"/run/all.fifo", "root"},
                "vrrp_notify_fifo_script", "\"/usr/local/bin/reader --fast\" nobody nogroup")));
        assertEquals(2, c.size());
        assertEquals("notify_fifo", c.get(0).keyword());
        assertEquals(Path.of("/run/all.fifo"), c.get(0).path());
        assertTrue(c.get(0).script().isEmpty());
        assertEquals(Path.of("/run/vrrp.fifo"), c.get(1).path());
        assertEquals(List.of("/usr/local/bin/reader", "--fast"), c.get(1).script().get().command().argv());
        assertEquals("nobody", c.get(1).script().get().runAs().get().user());
    }

    @Test
    void noneWithoutTheKeywords() {
        assertTrue(NotifyFifoSettings.of(new Props(Map.of("router_id", "r1"))).isEmpty());
    }

    @Test
    void quotedWordsStayWhole() {
        assertEquals(List.of("/a b/c", "x", "y"), NotifyFifoSettings.words("\"/a b/c\" x  y"));
    }
}
