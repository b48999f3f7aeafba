package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SpecCacheTest {

    @Test
    void theSameMapIsParsedOnceAnEqualOtherMapAgain() {
        SpecCache cache = new SpecCache();
        Map<String, Object> a = Map.of("url", List.of("path /a status_code 200"));
        Map<String, Object> b = new HashMap<>(a);
        HttpGetSpec first = cache.of(a);
        assertSame(first, cache.of(a), "cached by identity");
        HttpGetSpec other = cache.of(b);
        assertNotSame(first, other, "a new configuration's map is parsed on its own");
        assertEquals(first, other);
        assertEquals("/a", first.urls().get(0).path());
        assertEquals(2, cache.size());
    }

    @Test
    void aBadMapFailsEveryTimeAndIsNotCached() {
        SpecCache cache = new SpecCache();
        Map<String, Object> bad = Map.of("url", List.of("status_code 200"));
        assertThrows(IllegalArgumentException.class, () -> cache.of(bad));
        assertThrows(IllegalArgumentException.class, () -> cache.of(bad));
        assertEquals(0, cache.size());
    }

    @Test
    void aDroppedMapLeavesTheCache() throws InterruptedException {
        SpecCache cache = new SpecCache();
        Map<String, Object> kept = Map.of("url", List.of("path /kept"));
        cache.of(kept);
        cache.of(new HashMap<>(Map.of("url", List.of("path /dropped"))));
        for (int i = 0; i < 50 && cache.size() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, cache.size(), "only the map still referenced");
        assertEquals("/kept", cache.of(kept).urls().get(0).path());
    }
}
