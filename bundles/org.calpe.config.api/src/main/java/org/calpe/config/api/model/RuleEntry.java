package org.calpe.config.api.model;

import java.util.List;

/**
 * One entry of {@code virtual_rules} or {@code static_rules}, in {@code ip rule add} syntax.
 *
 * @param words the canonical words
 * @param family 4 or 6
 * @param preference the rule's preference, or -1 when keepalived assigns one
 */
public record RuleEntry(List<String> words, int family, long preference) {
    public RuleEntry {
        words = List.copyOf(words);
    }
}
