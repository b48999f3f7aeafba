package org.calpe.config.keepalived.schema.lvs;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.calpe.config.api.model.Block;
import org.calpe.config.keepalived.schema.BlockValidator;
import org.calpe.config.keepalived.schema.ParseContext;

/**
 * References from the LVS side to other objects: virtual server groups, track files (FILE_CHECK) and BFD
 * instances (BFD_CHECK). An unknown group is only logged by keepalived when the checker starts, so it does
 * not change the config-test verdict.
 */
final class LvsReferenceCheck implements BlockValidator {
    @Override
    public void validate(Block root, ParseContext ctx) {
        Set<String> groups = names(root, "virtual_server_group");
        Set<String> trackFiles = names(root, "track_file", "vrrp_track_file");
        Set<String> bfds = names(root, "bfd_instance");
        root.blocks("virtual_server").forEach(vs -> {
            if (vs.args().size() > 1 && vs.args().get(0).equals("group") && !groups.contains(vs.args().get(1))) {
                ctx.info(vs.location(), "Virtual server group %s specified but not configured - ignoring virtual"
                        + " server %s", vs.args().get(1), VirtualServerCheck.describe(vs));
            }
            vs.blocks("real_server").forEach(rs -> {
                rs.blocks("FILE_CHECK").forEach(fc -> fc.setting("track_file").ifPresent(tf -> {
                    if (!trackFiles.contains((String) tf.value())) {
                        ctx.error(tf.location(), "track_file %s not found", tf.value());
                        ctx.error(fc.location(), "FILE_CHECK has no track_file specified - ignoring");
                    }
                }));
                rs.blocks("BFD_CHECK").forEach(bc -> bc.setting("name").ifPresent(n -> {
                    if (!bfds.contains((String) n.value())) {
                        ctx.error(n.location(), "(%s) BFD_CHECK - BFD %s not configured", rs.args().get(0), n.value());
                    }
                }));
            });
        });
    }

    private static Set<String> names(Block root, String... keywords) {
        return Stream.of(keywords).flatMap(root::blocks).map(Block::name).collect(Collectors.toSet());
    }
}
