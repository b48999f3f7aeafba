package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;

/** {@code use_vmac [NAME] [MAC]} and {@code use_ipvlan [NAME] [ADDRESS] [bridge|private|vepa]}. */
final class VmacValues {
    private VmacValues() {
    }

    static ValueType useVmac() {
        return GlobalValues.words(VmacValues::checkVmac);
    }

    private static boolean checkVmac(Statement st, ParseContext ctx) {
        boolean haveMac = false;
        boolean haveName = false;
        for (int i = 0; i < st.args().size(); i++) {
            String w = st.arg(i);
            if (w.indexOf(':') >= 0) {
                if (haveMac) {
                    ctx.error(st.location(), "VMAC interface address already specified");
                    continue;
                }
                if (!w.matches("[0-9A-Fa-f:]+")) {
                    ctx.error(st.location(), "VMAC invalid MAC address %s", w);
                    continue;
                }
                String[] octets = w.endsWith(":") ? w.substring(0, w.length() - 1).split(":", -1) : w.split(":", -1);
                boolean ok = (octets.length == 5 || octets.length == 6);
                for (String o : octets) {
                    ok &= o.length() >= 1 && o.length() <= 2;
                }
                if (!ok) {
                    ctx.error(st.location(), "VMAC invalid MAC address %s - ignored", w);
                    continue;
                }
                int first = Integer.parseInt(octets[0], 16);
                boolean rfc = octets[0].matches("0?0") && octets[1].matches("0?0") && octets[2].equalsIgnoreCase("5e")
                        && octets[3].matches("0?0") && octets[4].matches("0?[12]");
                if ((first & 1) != 0) {
                    ctx.error(st.location(), "VMAC MAC address is multicast %s - ignoring", w);
                } else if (rfc) {
                    ctx.error(st.location(), "VMAC MAC address not allowed to be RFC5798 address (%s) - ignoring", w);
                } else {
                    haveMac = true;
                }
                continue;
            }
            if (haveName) {
                ctx.error(st.location(), "VMAC interface name already specified");
                continue;
            }
            if (w.length() >= 16 || w.equals(".") || w.equals("..") || w.indexOf('/') >= 0) {
                ctx.error(st.location(), "VMAC interface name '%s' too long or invalid characters - ignoring", w);
                continue;
            }
            if (!VrrpRefs.of(ctx).vmacNames.add(w)) {
                ctx.error(st.location(), "VRRP instance is already using %s - ignoring name", w);
                continue;
            }
            if (ctx.options().checkInterfaces() && ctx.interfacePresent(w)) {
                ctx.error(st.location(), "interface %s already exists and is not a private macvlan; ignoring vmac "
                        + "if_name", w);
                continue;
            }
            haveName = true;
        }
        return true;
    }

    static ValueType useIpvlan() {
        return GlobalValues.words((st, ctx) -> {
            boolean haveType = false;
            for (int i = 0; i < st.args().size(); i++) {
                String w = st.arg(i);
                if (w.equals("bridge") || w.equals("private") || w.equals("vepa")) {
                    if (haveType) {
                        ctx.error(st.location(), "ipvlan type already specified - ignoring '%s'", w);
                    }
                    haveType = true;
                } else if (Inet.parsePrefix(w) == null && w.length() >= 16) {
                    ctx.error(st.location(), "IPVLAN interface name '%s' too long - ignoring", w);
                }
            }
            return true;
        });
    }
}
