package org.calpe.net.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address with a prefix length, as routes and rules match destinations and sources ({@code 198.18.0.0/24},
 * {@code 2001:db8::/64}, {@code 0.0.0.0/0} for "default"/"all").
 *
 * @param address the address (bits beyond the prefix are passed to the kernel as given)
 * @param length  the prefix length, 0 to 32 or 0 to 128
 */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " outside [0, " + max + "]");
        }
    }

    /** @return the family of the address */
    public IpFamily family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
