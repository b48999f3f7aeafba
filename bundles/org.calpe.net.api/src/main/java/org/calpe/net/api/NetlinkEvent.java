package org.calpe.net.api;

/** A change reported by rtnetlink. */
public sealed interface NetlinkEvent {

    /** A link appeared, changed ({@code removed == false}) or disappeared. */
    record LinkChanged(LinkInfo link, boolean removed) implements NetlinkEvent {
    }

    /** An address was added or changed ({@code removed == false}) or removed. */
    record AddressChanged(InterfaceAddress address, boolean removed) implements NetlinkEvent {
    }

    /** The kernel dropped events (receive buffer overrun): re-read the state. */
    record Overrun() implements NetlinkEvent {
    }
}
