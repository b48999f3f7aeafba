package org.calpe.vrrp.core.garp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One {@code virtual_ipaddress} or {@code virtual_ipaddress_excluded} entry as the announcer sees it.
 *
 * @param ifindex      the interface the address sits on (keepalived's {@code ipaddress->ifp}); packets leave here
 * @param baseIfindex  the underlying physical interface ({@code IF_BASE_IFP}); pacing is per base interface
 *                     (or per garp_group), so a VMAC shares its parent's pacing
 * @param address      the address; IPv4 gets GARP, IPv6 gets unsolicited NA
 * @param onVmac       the interface is a VMAC Calpe created ({@code ifp->is_ours}); used by garp_extra_if
 */
public record VirtualAddress(int ifindex, int baseIfindex, InetAddress address, boolean onVmac) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        if (ifindex <= 0 || baseIfindex <= 0) {
            throw new IllegalArgumentException("ifindex must be positive");
        }
    }

    /** An address on a plain interface (no VMAC). */
    public static VirtualAddress on(int ifindex, InetAddress address) {
        return new VirtualAddress(ifindex, ifindex, address, false);
    }
}
