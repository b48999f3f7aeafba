package org.calpe.appliance.api;

import java.util.Locale;

/**
 * Which half of keepalived an instance runs: keepalived's {@code -P/--vrrp} and {@code -C/--check}. Given by
 * the framework property {@value #PROPERTY}.
 */
public enum Role {
    /** VRRP only ({@code -P}). */
    VRRP,
    /** Health checkers and virtual servers only ({@code -C}). */
    CHECK,
    /** Both (the default). */
    ALL;

    /** Framework property holding the role: {@code vrrp}, {@code check} or {@code all}. */
    public static final String PROPERTY = "calpe.role";

    /** True when VRRP instances should run. */
    public boolean runsVrrp() {
        return this != CHECK;
    }

    /** True when checkers and virtual servers should run. */
    public boolean runsCheckers() {
        return this != VRRP;
    }

    /**
     * Parses a property value; {@code null} or blank means {@link #ALL}.
     *
     * @throws IllegalArgumentException for anything but vrrp, check or all
     */
    public static Role parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be vrrp, check or all, not '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
