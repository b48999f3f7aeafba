package org.calpe.config.keepalived.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.calpe.config.api.Severity;

/**
 * The grammar of one kind of block, built with {@link #builder(String)}:
 *
 * <pre>{@code
 * BlockSpec instance = BlockSpec.builder("vrrp_instance")
 *         .args(Values.name())                       // words between keyword and '{'
 *         .keyword("state", Values.oneOf("MASTER", "BACKUP"))
 *         .keyword("priority", Values.integer(1, 255), 100)   // with keepalived's default
 *         .alias("lb_algo", "lvs_sched")              // accepted old spelling, silently
 *         .alias("old_kw", "new_kw", Severity.WARNING, "old_kw is deprecated - use new_kw")
 *         .block(virtualIpaddress)                    // nested block kind
 *         .validator((block, ctx) -> { ... })         // after the block is read
 *         .build();
 * BlockSpec vips = BlockSpec.builder("virtual_ipaddress").items(VrrpValues.vip()).build();  // list block
 * }</pre>
 *
 * A keyword may name both a value keyword and a block (keepalived decides by the '{'): use
 * {@link Builder#keyword} and {@link Builder#block} with the same name. A list block ({@link Builder#items})
 * holds entries, not keywords; it may still declare keywords that are recognised inside it.
 * Top-level blocks are registered on the root in {@link KeepalivedSchema}.
 */
public final class BlockSpec {
    private final String name;
    private final ValueType args;
    private final Map<String, KeywordSpec> keywords;
    private final Map<String, BlockSpec> blocks;
    private final Map<String, Alias> aliases;
    private final ItemType items;
    private final List<BlockValidator> validators;
    private final boolean repeatable;

    private BlockSpec(Builder b) {
        this.name = b.name;
        this.args = b.args;
        this.keywords = Collections.unmodifiableMap(new LinkedHashMap<>(b.keywords));
        this.blocks = Collections.unmodifiableMap(new LinkedHashMap<>(b.blocks));
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliases));
        this.items = b.items;
        this.validators = List.copyOf(b.validators);
        this.repeatable = b.repeatable;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The type of the words between keyword and brace; null when the block takes none. */
    public ValueType args() {
        return args;
    }

    public KeywordSpec keyword(String kw) {
        return keywords.get(kw);
    }

    public BlockSpec block(String kw) {
        return blocks.get(kw);
    }

    public Alias alias(String spelling) {
        return aliases.get(spelling);
    }

    public Map<String, KeywordSpec> keywords() {
        return keywords;
    }

    public Map<String, BlockSpec> blocks() {
        return blocks;
    }

    public ItemType items() {
        return items;
    }

    public boolean isList() {
        return items != null;
    }

    public List<BlockValidator> validators() {
        return validators;
    }

    public boolean repeatable() {
        return repeatable;
    }

    @Override
    public String toString() {
        return "BlockSpec[" + name + "]";
    }

    /** Builds a {@link BlockSpec}; also used for the root, which the schema registrations extend. */
    public static final class Builder {
        private final String name;
        private ValueType args;
        private final Map<String, KeywordSpec> keywords = new LinkedHashMap<>();
        private final Map<String, BlockSpec> blocks = new LinkedHashMap<>();
        private final Map<String, Alias> aliases = new LinkedHashMap<>();
        private ItemType items;
        private final List<BlockValidator> validators = new ArrayList<>();
        private boolean repeatable = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder args(ValueType type) {
            this.args = type;
            return this;
        }

        public Builder keyword(String kw, ValueType type) {
            return keyword(kw, type, null);
        }

        public Builder keyword(String kw, ValueType type, Object defaultValue) {
            if (keywords.putIfAbsent(kw, new KeywordSpec(kw, type, defaultValue)) != null) {
                throw new IllegalStateException("duplicate keyword " + kw + " in " + name);
            }
            return this;
        }

        public Builder block(BlockSpec spec) {
            if (blocks.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException("duplicate block " + spec.name() + " in " + name);
            }
            return this;
        }

        public Builder alias(String spelling, String canonical) {
            return alias(spelling, canonical, null, null);
        }

        public Builder alias(String spelling, String canonical, Severity severity, String message) {
            aliases.put(spelling, new Alias(spelling, canonical, severity, message));
            return this;
        }

        public Builder items(ItemType type) {
            this.items = type;
            return this;
        }

        public Builder validator(BlockValidator validator) {
            validators.add(validator);
            return this;
        }

        /** Whether the block may appear more than once in its parent (default true). */
        public Builder repeatable(boolean r) {
            this.repeatable = r;
            return this;
        }

        public BlockSpec build() {
            return new BlockSpec(this);
        }
    }
}
