package org.calpe.vrrp.core.codec;

/** The Type field (RFC 3768 §5.3.2, RFC 5798 §5.2.2): ADVERTISEMENT is the only type. */
public enum VrrpType {
    ADVERTISEMENT(1);

    private final int code;

    VrrpType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The type with the given code.
     *
     * @throws VrrpCodecException ({@link DropReason#INVALID_TYPE}) for any other code
     */
    public static VrrpType of(int code) {
        if (code == 1) {
            return ADVERTISEMENT;
        }
        throw new VrrpCodecException(DropReason.INVALID_TYPE, "invalid VRRP packet type " + code);
    }
}
