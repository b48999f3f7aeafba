package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SourceOrderTest {
    private static SourceOrder of(String source) {
        return SourceOrder.of(Map.of("calpe.source", source));
    }

    @Test
    void ordersByFileThenLineAndKeepsTheConfigurationsString() {
        String s = "/etc/keepalived/keepalived.conf:12";
        SourceOrder o = of(s);
        assertSame(s, o.source());
        assertEquals("/etc/keepalived/keepalived.conf", o.file());
        assertEquals(12, o.line());
        List<SourceOrder> list = new ArrayList<>(List.of(of("/b.conf:1"), of("/a.conf:10"), of("/a.conf:9"),
                of("/a.conf.d/x.conf:1"), SourceOrder.NONE, of("plain"), of("/a:conf:2")));
        list.sort(null);
        assertEquals(List.of("/a.conf:9", "/a.conf:10", "/a.conf.d/x.conf:1", "/a:conf:2", "/b.conf:1", "plain",
                "\uffff"), list.stream().map(SourceOrder::source).toList());
        assertEquals("/a:conf", of("/a:conf:2").file());
        assertEquals("x:y", of("x:y").file(), "not file:line: the whole text");
        assertTrue(SourceOrder.NONE.compareTo(of("/z:1")) > 0);
        assertSame(SourceOrder.NONE, SourceOrder.of(Map.of()));
    }
}
