package org.calpe.vrrp.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * VRRPv2 authentication of adverts (RFC 2338 §5.3.6 and §10; keepalived's {@code authentication} block),
 * implemented by the authentication bundles and registered as an OSGi service with the property
 * {@link #AUTH_TYPE} = the {@link VrrpAuthType} name. The VRRP engine calls it for every advert it sends and
 * receives on an instance with that {@code auth_type}.
 *
 * <h2>The datagram</h2>
 * Both methods work on the <em>whole IPv4 datagram</em> as it is (or will be) on the wire, IP header first,
 * because the Authentication Header (RFC 2402 §3.3.3) covers the IP header: {@code datagram[0, length)}, the IP
 * header of {@code (datagram[0] & 0x0f) * 4} bytes, then {@link #headerLength()} bytes reserved for this
 * authenticator's own header (zero for PASS, 24 for AH), then the VRRP advert. The engine fills every other
 * field first, including the IP identification, source and destination address, TTL, the IP protocol
 * ({@link #ipProtocol()}) and the VRRP checksum, and sends the bytes unchanged (IP_HDRINCL); only the kernel
 * fills in the IP header checksum afterwards, so implementations treat that field as zero.
 *
 * <h2>State</h2>
 * Implementations hold no per-instance state. The sequence numbers AH needs are passed in and returned as
 * {@link AuthSequence} values that the engine keeps with the instance, so either bundle can be replaced while
 * a master runs without the sequence restarting (which keepalived's backups would drop as replays).
 * Implementations must be thread-safe and must not block: they run on the protocol's timer thread.
 *
 * <h2>Who implements it</h2>
 * This is a {@link ConsumerType}: the authentication bundles are clients of the VRRP API that plug a callback
 * into its provider (the VRRP engine), like an Event Admin {@code EventHandler}. They therefore import this
 * package with a consumer range ({@code [1.0,2)}) and keep working when the API grows by a minor version
 * (new topics, new DTOs), so updating the API or the engine never forces the authentication bundles to be
 * refreshed. The price is that this interface only ever grows by {@code default} methods (a minor change for
 * bnd's baseline); any other change is a major version.
 */
@ConsumerType
public interface VrrpAuthenticator {

    /** Service property naming the authentication type this service implements: "PASS" or "AH". */
    String AUTH_TYPE = "calpe.vrrp.auth.type";

    /** The authentication type this service implements. */
    VrrpAuthType type();

    /**
     * Bytes this authenticator inserts between the IP header and the VRRP header: 24 for AH (RFC 2402 §2 with
     * a 96-bit ICV), 0 for PASS (its data travels in the advert's own authentication-data field).
     */
    int headerLength();

    /** The IP protocol of the datagram: 51 (AH) when {@link #headerLength()} is non-zero, else 112 (VRRP). */
    int ipProtocol();

    /**
     * Completes the authentication of an outgoing advert in place. For AH: the whole Authentication Header
     * (next header, payload length, SPI, sequence number, ICV); the advert's own authentication data stays
     * zero, as keepalived sends it. For PASS there is nothing left to do: the engine has already put
     * {@link AuthParameters#key()} into the advert's authentication data, because the VRRPv2 checksum covers
     * it; an implementation may check that it is there.
     *
     * @param datagram the datagram, laid out as described above; modified in place
     * @param length the datagram's length
     * @param parameters the instance's key and options
     * @param sequence the instance's sequence numbers before this advert
     * @param newAdvert true for the first copy of an advert, false for further copies of the same advert to
     *        other unicast peers (keepalived advances the AH sequence number once per advert, not per peer)
     * @return the sequence numbers after this advert (the argument itself when nothing changed)
     */
    AuthSequence sign(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence,
            boolean newAdvert);

    /**
     * Verifies a received advert whose length, TTL, version and auth type the engine has already checked (in
     * keepalived's order; this is the "MUST perform authentication specified by Auth Type" step of RFC 2338
     * §7.1). Must compare secrets in constant time.
     *
     * @param datagram the datagram as received, laid out as described above; not modified
     * @param length the datagram's length
     * @param parameters the instance's key and options
     * @param sequence the instance's sequence numbers before this advert
     * @return the verdict, with the sequence numbers to keep
     */
    AuthVerdict verify(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence);
}
