package org.calpe.vrrp.core.codec;

import java.util.Objects;

/** A VRRP datagram that cannot be decoded or encoded; says which drop reason it counts as. */
public final class VrrpCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public VrrpCodecException(DropReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The counted reason for dropping the datagram. */
    public DropReason reason() {
        return reason;
    }
}
