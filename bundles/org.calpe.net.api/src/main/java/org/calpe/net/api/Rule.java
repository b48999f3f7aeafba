package org.calpe.net.api;

import java.util.Objects;

/**
 * A policy routing rule as keepalived's {@code virtual_rules} / {@code static_rules} install it (a
 * {@code fib_rule_hdr} with {@code FRA_*} attributes, {@code linux/fib_rules.h}). Build one with
 * {@link #builder(IpFamily)}.
 *
 * @param family               the address family
 * @param action               the action, one of the {@code ACTION_*} constants
 * @param table                the table for {@link #ACTION_TO_TABLE} (0 with {@code l3mdev})
 * @param gotoTarget           the preference to jump to for {@link #ACTION_GOTO}, else -1
 * @param priority             the {@code preference}/{@code priority}/{@code order}, or -1 to let the kernel choose
 * @param invert               {@code not}
 * @param from                 the source prefix, null for {@code all}
 * @param to                   the destination prefix, null for {@code all}
 * @param tos                  the {@code tos}/{@code dsfield}
 * @param fwmark               the {@code fwmark}, or -1
 * @param fwmask               the {@code fwmark}'s mask, or -1
 * @param iif                  the input interface name ({@code iif}/{@code dev}), or null
 * @param oif                  the output interface name ({@code oif}), or null
 * @param realms               the {@code realms} (source realm in the high 16 bits), 0 for none
 * @param suppressPrefixLength {@code suppress_prefixlength}, or -1
 * @param suppressIfgroup      {@code suppress_ifgroup}, or -1
 * @param l3mdev               {@code l3mdev} (look up the table of the VRF device)
 * @param uidRange             {@code uidrange}, or null
 * @param protocol             the protocol ({@link Route#PROTOCOL_KEEPALIVED} unless configured)
 * @param ipProto              {@code ipproto}, or -1
 * @param sport                {@code sport}, or null
 * @param dport                {@code dport}, or null
 */
public record Rule(IpFamily family, int action, long table, long gotoTarget, long priority, boolean invert,
        IpPrefix from, IpPrefix to, int tos, long fwmark, long fwmask, String iif, String oif, int realms,
        int suppressPrefixLength, long suppressIfgroup, boolean l3mdev, Range uidRange, int protocol, int ipProto,
        Range sport, Range dport) {

    public static final int ACTION_TO_TABLE = 1;
    public static final int ACTION_GOTO = 2;
    public static final int ACTION_NOP = 3;
    public static final int ACTION_BLACKHOLE = 6;
    public static final int ACTION_UNREACHABLE = 7;
    public static final int ACTION_PROHIBIT = 8;

    /**
     * An inclusive range of ports or user ids.
     *
     * @param start the first value
     * @param end   the last value
     */
    public record Range(long start, long end) {
        public Range {
            if (start < 0 || end < start || end > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("invalid range " + start + "-" + end);
            }
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    public Rule {
        Objects.requireNonNull(family, "family");
        if (action != ACTION_TO_TABLE && action != ACTION_GOTO && action != ACTION_NOP && action != ACTION_BLACKHOLE
                && action != ACTION_UNREACHABLE && action != ACTION_PROHIBIT) {
            throw new IllegalArgumentException("rule action " + action);
        }
        if (action == ACTION_TO_TABLE && (table < (l3mdev ? 0 : 1) || table > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("table " + table);
        }
        if ((action == ACTION_GOTO) != (gotoTarget >= 0) || gotoTarget > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("goto target " + gotoTarget + " with action " + action);
        }
        if (priority < -1 || priority > 0xFFFF_FFFFL || fwmark < -1 || fwmark > 0xFFFF_FFFFL || fwmask < -1
                || fwmask > 0xFFFF_FFFFL || suppressIfgroup < -1 || suppressIfgroup > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("preference, fwmark or suppress_ifgroup out of range");
        }
        if (fwmask >= 0 && fwmark < 0) {
            throw new IllegalArgumentException("fwmark mask without fwmark");
        }
        if ((from != null && from.family() != family) || (to != null && to.family() != family)) {
            throw new IllegalArgumentException("rule addresses are not " + family);
        }
        if (tos < 0 || tos > 255 || protocol < 0 || protocol > 255 || ipProto < -1 || ipProto > 255) {
            throw new IllegalArgumentException("tos, protocol or ipproto out of range");
        }
        if ((sport != null && sport.end() > 0xFFFF) || (dport != null && dport.end() > 0xFFFF)) {
            throw new IllegalArgumentException("port range beyond 65535");
        }
        if (suppressPrefixLength < -1) {
            throw new IllegalArgumentException("suppress_prefixlength " + suppressPrefixLength);
        }
    }

    /** @return a builder for a rule of {@code family}: action none yet, protocol keepalived */
    public static Builder builder(IpFamily family) {
        return new Builder(family);
    }

    /** Collects a rule's values; {@link #build()} validates them. */
    public static final class Builder {
        private final IpFamily family;
        private int action;
        private long table;
        private long gotoTarget = -1;
        private long priority = -1;
        private boolean invert;
        private IpPrefix from;
        private IpPrefix to;
        private int tos;
        private long fwmark = -1;
        private long fwmask = -1;
        private String iif;
        private String oif;
        private int realms;
        private int suppressPrefixLength = -1;
        private long suppressIfgroup = -1;
        private boolean l3mdev;
        private Range uidRange;
        private int protocol = Route.PROTOCOL_KEEPALIVED;
        private int ipProto = -1;
        private Range sport;
        private Range dport;

        private Builder(IpFamily family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        /** {@code table N} / {@code lookup N}. */
        public Builder table(long v) {
            action = ACTION_TO_TABLE;
            table = v;
            return this;
        }

        /** {@code goto N}. */
        public Builder gotoTarget(long v) {
            action = ACTION_GOTO;
            gotoTarget = v;
            return this;
        }

        /** {@code nop}, {@code blackhole}, {@code unreachable}, {@code prohibit}. */
        public Builder action(int v) {
            action = v;
            return this;
        }

        /** {@code l3mdev}: look up the table of the l3mdev (VRF) device. */
        public Builder l3mdev() {
            action = ACTION_TO_TABLE;
            table = 0;
            l3mdev = true;
            return this;
        }

        public Builder priority(long v) {
            priority = v;
            return this;
        }

        public Builder invert(boolean v) {
            invert = v;
            return this;
        }

        public Builder from(IpPrefix v) {
            from = v;
            return this;
        }

        public Builder to(IpPrefix v) {
            to = v;
            return this;
        }

        public Builder tos(int v) {
            tos = v;
            return this;
        }

        public Builder fwmark(long mark, long mask) {
            fwmark = mark;
            fwmask = mask;
            return this;
        }

        public Builder iif(String v) {
            iif = v;
            return this;
        }

        public Builder oif(String v) {
            oif = v;
            return this;
        }

        public Builder realms(int v) {
            realms = v;
            return this;
        }

        public Builder suppressPrefixLength(int v) {
            suppressPrefixLength = v;
            return this;
        }

        public Builder suppressIfgroup(long v) {
            suppressIfgroup = v;
            return this;
        }

        public Builder uidRange(Range v) {
            uidRange = v;
            return this;
        }

        public Builder protocol(int v) {
            protocol = v;
            return this;
        }

        public Builder ipProto(int v) {
            ipProto = v;
            return this;
        }

        public Builder sport(Range v) {
            sport = v;
            return this;
        }

        public Builder dport(Range v) {
            dport = v;
            return this;
        }

        public Rule build() {
            return new Rule(family, action, table, gotoTarget, priority, invert, from, to, tos, fwmark, fwmask, iif,
                    oif, realms, suppressPrefixLength, suppressIfgroup, l3mdev, uidRange, protocol, ipProto, sport,
                    dport);
        }
    }
}
