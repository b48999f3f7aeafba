package org.calpe.config.keepalived.cm;

import java.util.Arrays;
import java.util.List;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.KeepalivedConfig;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;

/** Hand-built model trees for tests, with line numbers counted in build order. */
final class Model {
    private int line = 1;

    private Location next() {
        return new Location("keepalived.conf", line++, 1);
    }

    KeepalivedConfig config(Node... top) {
        return new KeepalivedConfig(new Block("", List.of(), List.of(top), new Location("keepalived.conf", 0, 0)));
    }

    Block block(String kw, List<String> args, Node... children) {
        return new Block(kw, args, List.of(children), next());
    }

    Block block(String kw, Node... children) {
        return block(kw, List.of(), children);
    }

    Setting set(String kw, Object value, String... args) {
        return new Setting(kw, Arrays.asList(args), value, next());
    }

    Setting set(String kw, int value) {
        return set(kw, value, String.valueOf(value));
    }

    Setting set(String kw, String value) {
        return set(kw, value, value);
    }

    Item item(String... words) {
        return new Item(Arrays.asList(words), null, next());
    }

    /** Skips lines, as if the file had more text before the next node. */
    Model skip(int n) {
        line += n;
        return this;
    }

    Block instance(String name, int vrid, int priority, String vip) {
        return block("vrrp_instance", List.of(name), set("state", "BACKUP"), set("interface", "calpe0"),
                set("virtual_router_id", vrid), set("priority", priority), set("nopreempt", Boolean.TRUE),
                block("authentication", set("auth_type", "PASS"), set("auth_pass", "s3cret")),
                block("virtual_ipaddress", item(vip + "/24", "dev", "calpe0", "label", "calpe0:1")));
    }
}
