package org.calpe.vrrp.core.codec;

/** The Version field (RFC 3768 §5.3.1, RFC 5798 §5.2.1). */
public enum VrrpVersion {
    /** VRRPv2, RFC 3768: advert interval in seconds, authentication data, checksum over the VRRP message. */
    V2(2),
    /** VRRPv3, RFC 5798: advert interval in centiseconds, checksum with the IP pseudo-header. */
    V3(3);

    private final int number;

    VrrpVersion(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /**
     * The version with the given number.
     *
     * @throws VrrpCodecException ({@link DropReason#VERSION}) for any other number
     */
    public static VrrpVersion of(int number) {
        return switch (number) {
            case 2 -> V2;
            case 3 -> V3;
            default -> throw new VrrpCodecException(DropReason.VERSION, "unknown VRRP version " + number);
        };
    }
}
