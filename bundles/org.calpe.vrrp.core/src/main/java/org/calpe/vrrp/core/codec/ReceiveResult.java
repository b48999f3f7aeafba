package org.calpe.vrrp.core.codec;

import java.util.Objects;

import org.calpe.vrrp.api.AuthSequence;

/**
 * The outcome of the receive checks for one datagram.
 *
 * @param reason why it was dropped, or null if accepted
 * @param message keepalived's log phrase for the drop (without the "(VI_1) " prefix), empty if accepted
 * @param datagram the decoded advert if accepted, else null
 * @param sequence the authentication sequence numbers to keep
 * @param oldChecksumDetected true if a unicast VRRPv3 advert only checked with the group address in the
 *        pseudo-header: the instance switches to {@link ChecksumCompat#AUTO} (keepalived logs "Setting unicast
 *        VRRPv3 checksum to old version")
 */
public record ReceiveResult(DropReason reason, String message, VrrpDatagram datagram, AuthSequence sequence,
        boolean oldChecksumDetected) {

    public ReceiveResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sequence, "sequence");
        if ((reason == null) == (datagram == null)) {
            throw new IllegalArgumentException("either a reason or a datagram");
        }
    }

    public boolean accepted() {
        return reason == null;
    }

    static ReceiveResult drop(DropReason reason, String message, AuthSequence sequence) {
        return new ReceiveResult(reason, message, null, sequence, false);
    }
}
