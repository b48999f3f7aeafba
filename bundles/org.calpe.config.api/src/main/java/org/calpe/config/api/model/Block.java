package org.calpe.config.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.calpe.config.api.Location;

/**
 * A block such as {@code vrrp_instance VI_1 { ... }}: its canonical keyword, the words between keyword and
 * brace ({@code args}), and its children in file order. The root of a configuration is a block with the
 * empty keyword. Equality ignores locations.
 */
public final class Block implements Node {
    private final String keyword;
    private final List<String> args;
    private final List<Node> children;
    private final Location location;

    public Block(String keyword, List<String> args, List<Node> children, Location location) {
        this.keyword = Objects.requireNonNull(keyword, "keyword");
        this.args = List.copyOf(args);
        this.children = List.copyOf(children);
        this.location = Objects.requireNonNull(location, "location");
    }

    public String keyword() {
        return keyword;
    }

    public List<String> args() {
        return args;
    }

    /** The first argument (the object's name, e.g. {@code VI_1}), or the empty string. */
    public String name() {
        return args.isEmpty() ? "" : args.get(0);
    }

    public List<Node> children() {
        return children;
    }

    @Override
    public Location location() {
        return location;
    }

    public Stream<Setting> settings() {
        return children.stream().filter(Setting.class::isInstance).map(Setting.class::cast);
    }

    public Stream<Item> items() {
        return children.stream().filter(Item.class::isInstance).map(Item.class::cast);
    }

    public Stream<Block> blocks() {
        return children.stream().filter(Block.class::isInstance).map(Block.class::cast);
    }

    public Stream<Block> blocks(String kw) {
        return blocks().filter(b -> b.keyword.equals(kw));
    }

    public Optional<Block> block(String kw) {
        return blocks(kw).reduce((a, b) -> b);
    }

    /** The last setting with this keyword (keepalived lets a later line override an earlier one). */
    public Optional<Setting> setting(String kw) {
        return settings().filter(s -> s.keyword().equals(kw)).reduce((a, b) -> b);
    }

    public Stream<Setting> settings(String kw) {
        return settings().filter(s -> s.keyword().equals(kw));
    }

    /** The converted value of the last setting with this keyword, cast to the given type. */
    public <T> Optional<T> value(String kw, Class<T> type) {
        return setting(kw).map(Setting::value).filter(type::isInstance).map(type::cast);
    }

    public boolean flag(String kw) {
        return value(kw, Boolean.class).orElse(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && keyword.equals(b.keyword) && args.equals(b.args)
                && children.equals(b.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyword, args, children);
    }

    @Override
    public String toString() {
        return keyword + (args.isEmpty() ? "" : " " + String.join(" ", args)) + " {" + children.size() + "}";
    }
}
