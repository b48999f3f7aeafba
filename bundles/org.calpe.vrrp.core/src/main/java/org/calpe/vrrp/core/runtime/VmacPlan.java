package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.MacAddress;
import org.calpe.vrrp.core.codec.IpFamily;

/**
 * What to do to give an instance its VMAC, decided from the interfaces that exist (as keepalived 2.2.7's
 * {@code netlink_link_add_vmac} and its name checks do): a private macvlan with the right MAC on the base
 * interface is adopted (a previous run or engine left it); a configured name held by another macvlan is removed
 * and created again; a configured name held by an interface that is no macvlan is ignored (the generated name is
 * used); a generated name ({@code vrrp.51}) held by anything else moves on to {@code vrrp1.51}, {@code vrrp2.51}...
 *
 * @param action   what to do
 * @param name     the VMAC's name
 * @param mac      its MAC
 * @param existing the index of the interface to adopt or replace, 0 when creating
 * @param messages what to log first, keepalived's words
 */
record VmacPlan(Action action, String name, MacAddress mac, int existing, List<String> messages) {

    enum Action {
        /** Create the macvlan. */
        CREATE,
        /** Use the existing, matching macvlan as it is. */
        ADOPT,
        /** Remove the existing macvlan ({@code existing}), then create. */
        REPLACE
    }

    /** Looks an interface up by name. */
    @FunctionalInterface
    interface Lookup {
        Optional<LinkDetails> find(String name) throws IOException;
    }

    VmacPlan {
        messages = List.copyOf(messages);
    }

    /**
     * @param instance  the instance name, for the messages
     * @param baseIndex the index of the instance's {@code interface}
     * @throws IOException if no generated name is free
     */
    static VmacPlan decide(String instance, VmacSettings settings, int vrid, IpFamily family, int baseIndex,
            Lookup lookup) throws IOException {
        MacAddress mac = settings.mac(vrid, family);
        List<String> messages = new ArrayList<>();
        if (settings.name() != null) {
            Optional<LinkDetails> existing = lookup.find(settings.name());
            if (existing.isEmpty()) {
                return new VmacPlan(Action.CREATE, settings.name(), mac, 0, messages);
            }
            LinkDetails d = existing.get();
            if (d.isPrivateMacvlan(baseIndex, mac)) {
                return new VmacPlan(Action.ADOPT, settings.name(), mac, d.link().index(), messages);
            }
            if (d.isMacvlan()) {
                messages.add("vmac: Removing old VMAC interface " + settings.name() + " due to conflicting "
                        + "interface or MAC for vrrp_instance " + instance + "!!!");
                return new VmacPlan(Action.REPLACE, settings.name(), mac, d.link().index(), messages);
            }
            messages.add("(" + instance + ") interface " + settings.name() + " already exists and is not a private "
                    + "macvlan; ignoring vmac if_name");
        }
        for (int i = 0; i < VmacSettings.NAME_ATTEMPTS; i++) {
            String name = settings.generatedName(vrid, i);
            Optional<LinkDetails> existing = lookup.find(name);
            if (existing.isEmpty()) {
                return new VmacPlan(Action.CREATE, name, mac, 0, messages);
            }
            if (existing.get().isPrivateMacvlan(baseIndex, mac)) {
                return new VmacPlan(Action.ADOPT, name, mac, existing.get().link().index(), messages);
            }
        }
        throw new IOException("(" + instance + ") no free VMAC interface name from "
                + settings.generatedName(vrid, 0) + " to " + settings.generatedName(vrid, VmacSettings.NAME_ATTEMPTS - 1));
    }
}
