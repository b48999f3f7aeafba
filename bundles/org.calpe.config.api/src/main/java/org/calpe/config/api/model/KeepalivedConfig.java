package org.calpe.config.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole validated keepalived.conf: the root block (keyword "") whose children are the top-level blocks in
 * file order, with accessors for the object kinds. Equality ignores locations.
 */
public final class KeepalivedConfig {
    private final Block root;

    public KeepalivedConfig(Block root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Block root() {
        return root;
    }

    public Optional<Block> globalDefs() {
        return root.block("global_defs");
    }

    public List<Block> all(String keyword) {
        return root.blocks(keyword).toList();
    }

    public List<Block> vrrpInstances() {
        return all("vrrp_instance");
    }

    public List<Block> vrrpSyncGroups() {
        return all("vrrp_sync_group");
    }

    public List<Block> vrrpScripts() {
        return all("vrrp_script");
    }

    public List<Block> virtualServerGroups() {
        return all("virtual_server_group");
    }

    public List<Block> virtualServers() {
        return all("virtual_server");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeepalivedConfig c && root.equals(c.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
