package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;
import java.util.Objects;

import org.calpe.vrrp.core.codec.VrrpDatagram;

/**
 * The parts of an advert that passed the receive checks ({@link org.calpe.vrrp.core.codec.VrrpReceiveCheck})
 * which the state machine uses.
 *
 * @param source the IP source address (the sender's primary address)
 * @param priority 0–255
 * @param advertIntervalMicros the advert's interval: VRRPv2 seconds or VRRPv3 centiseconds, in microseconds
 */
public record ReceivedAdvert(InetAddress source, int priority, long advertIntervalMicros) {

    public ReceivedAdvert {
        Objects.requireNonNull(source, "source");
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority);
        }
        if (advertIntervalMicros < 0) {
            throw new IllegalArgumentException("advert interval " + advertIntervalMicros);
        }
    }

    /** From a decoded datagram. */
    public static ReceivedAdvert of(VrrpDatagram datagram) {
        return new ReceivedAdvert(datagram.source(), datagram.packet().priority(),
                datagram.packet().advertIntervalMillis() * 1000L);
    }
}
