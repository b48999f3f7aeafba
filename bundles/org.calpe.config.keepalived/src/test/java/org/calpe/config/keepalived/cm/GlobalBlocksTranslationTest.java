package org.calpe.config.keepalived.cm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.keepalived.parser.KeepalivedParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-level {@code track_file} (alias {@code vrrp_track_file}) and {@code garp_group} blocks reach
 * {@code org.calpe.Global} as one line per block, in file order (the VRRP engine reads them there).
 */
class GlobalBlocksTranslationTest {
    @TempDir
    Path dir;

    @Test
    void trackFilesAndGarpGroupsGoToGlobal() throws Exception {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "track_file TF1 {\n file \"/run/calpe tf1\"\n weight -2 reverse\n init_file 5 overwrite\n}\n"
                + "vrrp_track_file TF2 {\n file /run/tf2\n}\n"
                + "garp_group {\n garp_interval 0.1\n gna_interval 0.2\n interface eth0\n}\n"
                + "garp_group {\n garp_interval 0.01\n interfaces {\n  eth1\n  eth2\n }\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  198.18.0.10/24\n }\n track_file {\n  TF1 weight 3 noreverse\n  TF2\n }\n}\n",
                StandardCharsets.UTF_8);
        ParseResult r = new KeepalivedParser(Set.of("eth0", "eth1", "eth2")::contains).parse(f,
                ParseOptions.defaults());
        Map<String, DesiredConfiguration> out = new ConfigTranslator().translate(r.config().orElseThrow());
        Map<String, Object> g = out.get(CmPids.GLOBAL).properties();
        assertArrayEquals(new String[] {
            "TF1 file \"/run/calpe tf1\" weight -2 reverse init_file 5 overwrite",
            "TF2 file /run/tf2"}, (String[]) g.get("track_file"));
        assertArrayEquals(new String[] {
            "garp_interval 0.1 gna_interval 0.2 interface eth0",
            "garp_interval 0.01 interfaces { eth1 eth2 }"}, (String[]) g.get("garp_group"));
        Map<String, Object> vi = out.values().stream().filter(c -> CmPids.VRRP_INSTANCE.equals(c.factoryPid()))
                .findFirst().orElseThrow().properties();
        // an explicit noreverse is kept: it overrides TF1's own "weight -2 reverse" (keepalived)
        assertArrayEquals(new String[] {"TF1 weight 3 noreverse", "TF2"}, (String[]) vi.get("track_file"));
        assertEquals(1, out.values().stream().filter(c -> CmPids.GLOBAL.equals(c.pid())).count());
    }
}
