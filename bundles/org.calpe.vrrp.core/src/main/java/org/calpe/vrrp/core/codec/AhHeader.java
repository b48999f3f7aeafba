package org.calpe.vrrp.core.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The IPsec Authentication Header as keepalived lays it out before a VRRPv2 advert (RFC 2402 §2): next header
 * 112, payload length 4, reserved 0, the SPI (keepalived: the IPv4 source address), the sequence number and a
 * 96-bit ICV (HMAC-MD5-96). 24 bytes.
 *
 * @param nextHeader the protocol it protects (112 for VRRP)
 * @param payloadLength 4 for a 96-bit ICV
 * @param reserved 0
 * @param spi Security Parameters Index, unsigned 32 bits
 * @param sequence sequence number, unsigned 32 bits
 * @param icv the 12-byte Integrity Check Value
 */
public record AhHeader(int nextHeader, int payloadLength, int reserved, long spi, long sequence, byte[] icv) {

    public AhHeader {
        Objects.requireNonNull(icv, "icv");
        if (icv.length != VrrpConstants.AH_ICV_LENGTH) {
            throw new IllegalArgumentException("ICV is 12 bytes, not " + icv.length);
        }
        icv = icv.clone();
    }

    /** keepalived's header before signing: ICV zero. */
    public static AhHeader unsigned(long spi, long sequence) {
        return new AhHeader(VrrpConstants.IPPROTO_VRRP, VrrpConstants.AH_PAYLOAD_LENGTH, 0, spi, sequence,
                new byte[VrrpConstants.AH_ICV_LENGTH]);
    }

    @Override
    public byte[] icv() {
        return icv.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AhHeader h && nextHeader == h.nextHeader && payloadLength == h.payloadLength
                && reserved == h.reserved && spi == h.spi && sequence == h.sequence && Arrays.equals(icv, h.icv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nextHeader, payloadLength, reserved, spi, sequence, Arrays.hashCode(icv));
    }
}
