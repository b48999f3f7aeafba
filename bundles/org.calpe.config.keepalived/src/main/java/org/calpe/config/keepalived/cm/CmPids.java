package org.calpe.config.keepalived.cm;

import java.util.Map;

/** Factory PIDs, singleton PIDs and the Calpe property keys of the configurations made from keepalived.conf. */
public final class CmPids {
    private CmPids() {
    }

    public static final String GLOBAL = "org.calpe.Global";
    public static final String VRRP_INSTANCE = "org.calpe.vrrp.Instance";
    public static final String VRRP_SYNC_GROUP = "org.calpe.vrrp.SyncGroup";
    public static final String VRRP_SCRIPT = "org.calpe.vrrp.Script";
    public static final String VIRTUAL_SERVER = "org.calpe.lvs.VirtualServer";
    public static final String REAL_SERVER = "org.calpe.lvs.RealServer";

    /** Checker block keyword → factory PID. */
    public static final Map<String, String> CHECKERS = Map.of(
            "HTTP_GET", "org.calpe.check.HttpGet",
            "SSL_GET", "org.calpe.check.SslGet",
            "TCP_CHECK", "org.calpe.check.Tcp",
            "MISC_CHECK", "org.calpe.check.Misc",
            "SMTP_CHECK", "org.calpe.check.Smtp",
            "DNS_CHECK", "org.calpe.check.Dns",
            "UDP_CHECK", "org.calpe.check.Udp",
            "PING_CHECK", "org.calpe.check.Ping",
            "FILE_CHECK", "org.calpe.check.File",
            "BFD_CHECK", "org.calpe.check.Bfd");

    /** Marks configurations owned by the translation; only these are ever changed or deleted by it. */
    public static final String MANAGED = "calpe.managed";
    public static final String MANAGED_FILTER = "(" + MANAGED + "=true)";
    /** {@code file:line} of the object in keepalived.conf (informational: not compared on reload). */
    public static final String SOURCE = "calpe.source";
    /** SHA-256 of the configuration's content (every property but source and hash). */
    public static final String HASH = "calpe.hash";
    /** The object's display name (instance name, {@code vip:port/proto}, …), used by the Web Console. */
    public static final String LABEL = "calpe.label";
    /** Object arguments of the block line: name, address, port, fwmark, group. */
    public static final String NAME = "calpe.name";
    public static final String ADDRESS = "calpe.address";
    public static final String PORT = "calpe.port";
    public static final String FWMARK = "calpe.fwmark";
    public static final String GROUP = "calpe.group";
    /** Checker type keyword (HTTP_GET, …) and its index among the real server's checkers of that type. */
    public static final String CHECKER_TYPE = "calpe.checker";
    public static final String CHECKER_INDEX = "calpe.index";
    /** Links: the PID of the real server's virtual server, and of the checker's real server. */
    public static final String VIRTUAL_SERVER_PID = "calpe.virtual_server";
    public static final String REAL_SERVER_PID = "calpe.real_server";
    /** For {@code virtual_server group NAME}: the entries of that virtual_server_group. */
    public static final String GROUP_ENTRIES = "virtual_server_group";
}
