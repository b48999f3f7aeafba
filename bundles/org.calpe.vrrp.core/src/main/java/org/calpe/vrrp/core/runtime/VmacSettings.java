package org.calpe.vrrp.core.runtime;

import java.util.Locale;

import org.calpe.net.api.MacAddress;
import org.calpe.vrrp.core.codec.IpFamily;

/**
 * An instance's {@code use_vmac [NAME] [MAC]} and {@code vmac_xmit_base}, with the global {@code vmac_prefix}.
 *
 * @param name      the interface name given, or null for keepalived's {@code PREFIX.VRID} ({@code vrrp.51})
 * @param mac       the MAC given, or null for RFC 5798's {@code 00:00:5e:00:01:VRID} (IPv4) /
 *                  {@code 00:00:5e:00:02:VRID} (IPv6)
 * @param appendVrid the MAC was given with 5 octets: the VRID is its sixth (held as 00 in {@code mac})
 * @param xmitBase  {@code vmac_xmit_base}: adverts are sent and received on the base interface
 * @param prefix    {@code vmac_prefix} (default {@code vrrp})
 */
record VmacSettings(String name, MacAddress mac, boolean appendVrid, boolean xmitBase, String prefix) {

    static final String DEFAULT_PREFIX = "vrrp";
    /** How many generated names ({@code vrrp.51}, {@code vrrp1.51}, ...) are tried before giving up. */
    static final int NAME_ATTEMPTS = 100;

    /** @return the instance's VMAC settings, or null without {@code use_vmac} */
    static VmacSettings parse(Props p, Props g) {
        if (!p.has("use_vmac")) {
            return null;
        }
        String name = null;
        MacAddress mac = null;
        boolean appendVrid = false;
        for (String line : p.lines("use_vmac")) {
            for (String w : line.trim().split("\\s+")) {
                if (w.isEmpty() || w.equals("true")) {
                    continue; // the keyword alone
                }
                if (w.indexOf(':') >= 0) {
                    if (mac == null) {
                        String octets = w.endsWith(":") ? w.substring(0, w.length() - 1) : w;
                        appendVrid = octets.split(":").length == 5;
                        mac = MacAddress.parse((appendVrid ? octets + ":00" : octets).toLowerCase(Locale.ROOT));
                    }
                } else if (name == null) {
                    name = w;
                }
            }
        }
        String prefix = g.string("vmac_prefix").map(String::trim).filter(s -> !s.isEmpty()).orElse(DEFAULT_PREFIX);
        return new VmacSettings(name, mac, appendVrid, p.flag("vmac_xmit_base"), prefix);
    }

    /** @return the VMAC's address for {@code vrid} in {@code family} */
    MacAddress mac(int vrid, IpFamily family) {
        if (mac != null) {
            return appendVrid ? new MacAddress(mac.value() | (vrid & 0xFF)) : mac;
        }
        long base = family == IpFamily.IPV6 ? 0x00005E000200L : 0x00005E000100L;
        return new MacAddress(base | (vrid & 0xFF));
    }

    /** @return the {@code attempt}-th generated name: {@code vrrp.51}, then {@code vrrp1.51}, {@code vrrp2.51}... */
    String generatedName(int vrid, int attempt) {
        return (attempt == 0 ? prefix : prefix + attempt) + "." + vrid;
    }
}
