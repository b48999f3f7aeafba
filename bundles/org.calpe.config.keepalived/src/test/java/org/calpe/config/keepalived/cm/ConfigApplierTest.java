package org.calpe.config.keepalived.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.calpe.config.api.ApplyResult;
import org.calpe.config.api.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;

class ConfigApplierTest {
    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
    private final ConfigApplier applier = new ConfigApplier(cm);
    private final ConfigTranslator translator = new ConfigTranslator();

    private static KeepalivedConfig two(int priority1, int skipLines, boolean withSecond) {
        Model m = new Model();
        return withSecond
                ? m.config(m.instance("VI_1", 51, priority1, "198.18.0.1"),
                        m.skip(skipLines).instance("VI_2", 52, 100, "198.18.0.2"))
                : m.config(m.instance("VI_1", 51, priority1, "198.18.0.1"));
    }

    private ApplyResult apply(KeepalivedConfig c) throws Exception {
        return applier.apply(translator.translate(c));
    }

    @Test
    void createsThenLeavesUnchangedAlone() throws Exception {
        ApplyResult first = apply(two(150, 0, true));
        assertEquals(List.of("org.calpe.Global", "org.calpe.vrrp.Instance~VI_1", "org.calpe.vrrp.Instance~VI_2"),
                first.created());
        assertEquals(0, first.updated().size() + first.deleted().size());
        cm.log.clear();
        ApplyResult again = apply(two(150, 0, true));
        assertEquals(0, again.changes());
        assertEquals(3, again.unchanged());
        assertEquals(List.of(), cm.log);
    }

    @Test
    void updatesOnlyTheChangedInstance() throws Exception {
        apply(two(150, 0, true));
        long vi2Count = cm.store.get("org.calpe.vrrp.Instance~VI_2").getChangeCount();
        cm.log.clear();
        ApplyResult r = apply(two(151, 0, true));
        assertEquals(List.of("org.calpe.vrrp.Instance~VI_1"), r.updated());
        assertEquals(List.of("update org.calpe.vrrp.Instance~VI_1"), cm.log);
        assertEquals(vi2Count, cm.store.get("org.calpe.vrrp.Instance~VI_2").getChangeCount());
        assertEquals(151, cm.store.get("org.calpe.vrrp.Instance~VI_1").getProperties().get("priority"));
    }

    @Test
    void lineShiftAloneUpdatesNothing() throws Exception {
        apply(two(150, 0, true));
        cm.log.clear();
        ApplyResult r = apply(two(150, 25, true));
        assertEquals(0, r.changes());
        assertEquals(List.of(), cm.log);
    }

    @Test
    void deletesVanishedButNeverUnmanaged() throws Exception {
        Hashtable<String, Object> mine = new Hashtable<>();
        mine.put("port", 18080);
        cm.getConfiguration("proto.other", "?").update(mine);
        apply(two(150, 0, true));
        cm.log.clear();
        ApplyResult r = apply(two(150, 0, false));
        assertEquals(List.of("org.calpe.vrrp.Instance~VI_2"), r.deleted());
        assertEquals(List.of("delete org.calpe.vrrp.Instance~VI_2"), cm.log);
        assertTrue(cm.store.containsKey("proto.other"));
    }

    @Test
    void comparesPropertiesNotJustTheHash() throws Exception {
        apply(two(150, 0, true));
        // someone edited the stored configuration (e.g. in the Web Console) but left the hash alone
        var c = cm.store.get("org.calpe.vrrp.Instance~VI_2");
        Hashtable<String, Object> edited = new Hashtable<>(c.properties);
        edited.put("priority", 1);
        c.update(edited);
        cm.log.clear();
        ApplyResult r = apply(two(150, 0, true));
        assertEquals(List.of("org.calpe.vrrp.Instance~VI_2"), r.updated());
        assertEquals(100, c.getProperties().get("priority"));
    }

    @Test
    void sameContentIgnoresAdminKeysAndSource() {
        Hashtable<String, Object> stored = new Hashtable<>();
        stored.put("service.pid", "x~y");
        stored.put("service.factoryPid", "x");
        stored.put("calpe.source", "a.conf:1");
        stored.put("vip", new String[] {"198.18.0.1"});
        assertTrue(ConfigApplier.sameContent(stored,
                Map.of("calpe.source", "a.conf:9", "vip", new String[] {"198.18.0.1"})));
        assertFalse(ConfigApplier.sameContent(stored, Map.of("vip", new String[] {"198.18.0.2"})));
        assertFalse(ConfigApplier.sameContent(stored, Map.of("vip", new String[] {"198.18.0.1"}, "x", 1)));
        assertFalse(ConfigApplier.sameContent(null, Map.of()));
    }
}
