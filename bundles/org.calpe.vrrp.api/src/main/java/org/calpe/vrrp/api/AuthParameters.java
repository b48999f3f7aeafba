package org.calpe.vrrp.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an authenticator needs to know about an instance.
 *
 * @param instance the instance name, for log lines ({@code (VI_1) received an invalid passwd!})
 * @param key the {@code auth_pass} as keepalived keeps it: its first 8 bytes, zero padded to exactly 8 (the
 *        PASS authentication data, and the HMAC-MD5 key for AH)
 * @param unicast true when the instance has {@code unicast_peer}s (AH then also treats the TTL as mutable)
 */
public record AuthParameters(String instance, byte[] key, boolean unicast) {

    /** Length of the key and of the advert's authentication-data field. */
    public static final int KEY_LENGTH = 8;

    public AuthParameters {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key must be " + KEY_LENGTH + " bytes, not " + key.length);
        }
        key = key.clone();
    }

    /**
     * Parameters for an {@code auth_pass} string: its bytes (ISO-8859-1, as keepalived copies them) cut to 8
     * and zero padded.
     */
    public static AuthParameters of(String instance, String authPass, boolean unicast) {
        byte[] raw = authPass.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return new AuthParameters(instance, Arrays.copyOf(raw, KEY_LENGTH), unicast);
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthParameters p && instance.equals(p.instance) && Arrays.equals(key, p.key)
                && unicast == p.unicast;
    }

    @Override
    public int hashCode() {
        return Objects.hash(instance, Arrays.hashCode(key), unicast);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AuthParameters[instance=" + instance + ", unicast=" + unicast + "]";
    }
}
