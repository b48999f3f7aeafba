package org.calpe.config.keepalived.schema.lvs;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.BlockValidator;
import org.calpe.config.keepalived.schema.ParseContext;

/** The SSL block: a file given twice is replaced, with keepalived's message. */
final class SslCheck implements BlockValidator {
    private static final Map<String, String> NAMES = Map.of("password", "password", "ca", "cafile",
            "certificate", "certfile", "key", "keyfile");

    @Override
    public void validate(Block block, ParseContext ctx) {
        Set<String> seen = new HashSet<>();
        for (Setting s : block.settings().toList()) {
            if (!seen.add(s.keyword())) {
                ctx.error(s.location(), "SSL %s already specified - replacing", NAMES.get(s.keyword()));
            }
        }
    }
}
