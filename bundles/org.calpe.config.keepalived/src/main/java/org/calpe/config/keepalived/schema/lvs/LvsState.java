package org.calpe.config.keepalived.schema.lvs;

import java.util.HashSet;
import java.util.Set;

import org.calpe.config.keepalived.schema.ParseContext;

/**
 * Scratch state of one parse for the LVS keywords whose meaning depends on the lines before them, as
 * keepalived reads them in file order: the scheduler set so far (for sh-port …), whether a sorry server was
 * given (for sorry_server_inhibit), scripts already given, the current checker's address families.
 */
final class LvsState {
    String currentGroup = "";
    String currentVsGroup;
    String vsOwner = "";
    String rsOwner = "";
    int sslBlocks;
    Boolean vsIpv6;
    String scheduler;
    boolean sorryServerSeen;
    final Set<String> vsScripts = new HashSet<>();
    final Set<String> rsScripts = new HashSet<>();
    final Set<String> rsBfds = new HashSet<>();
    Boolean connectIpv6;
    Boolean bindIpv6;
    boolean dnsNameSeen;

    static LvsState of(ParseContext ctx) {
        return ctx.state(LvsState.class, LvsState::new);
    }

    void startVirtualServer() {
        vsIpv6 = null;
        currentVsGroup = null;
        scheduler = null;
        sorryServerSeen = false;
        vsScripts.clear();
    }

    void startRealServer() {
        rsScripts.clear();
        rsBfds.clear();
    }

    void startChecker() {
        connectIpv6 = null;
        bindIpv6 = null;
        dnsNameSeen = false;
    }
}
