package org.calpe.vrrp.api;

/**
 * The VRRPv2 authentication types (RFC 2338 §5.3.6, kept by keepalived for VRRPv2 only; RFC 3768 §5.1.6
 * deprecates them and VRRPv3 has none), with their codes in the advert's Auth Type field.
 */
public enum VrrpAuthType {
    /** No authentication (code 0). */
    NONE(0),
    /** Simple text password: the 8 authentication-data bytes carry the password, zero padded (code 1). */
    PASS(1),
    /** IPsec Authentication Header (IP protocol 51) with HMAC-MD5-96 before the VRRP header (code 2). */
    AH(2);

    private final int code;

    VrrpAuthType(int code) {
        this.code = code;
    }

    /** The value of the Auth Type field. */
    public int code() {
        return code;
    }

    /**
     * The type with a given Auth Type code.
     *
     * @throws IllegalArgumentException for a code keepalived does not know (it drops such adverts as
     *         "Invalid auth type")
     */
    public static VrrpAuthType ofCode(int code) {
        for (VrrpAuthType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown VRRP auth type " + code);
    }
}
