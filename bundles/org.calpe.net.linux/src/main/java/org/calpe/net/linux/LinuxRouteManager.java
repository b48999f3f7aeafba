package org.calpe.net.linux;

import java.io.IOException;
import java.util.Set;
import java.util.function.IntFunction;

import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteManager;
import org.calpe.net.api.Rule;
import org.calpe.net.linux.netlink.NetlinkSockets;
import org.calpe.net.linux.netlink.RouteCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Routes and policy routing rules over rtnetlink, one request socket per namespace. */
@Component(service = RouteManager.class)
public final class LinuxRouteManager implements RouteManager {

    static final int ESRCH = 3;
    /** What the kernel answers when a route or rule to remove is not there (the device may have gone too). */
    private static final Set<Integer> ABSENT = Set.of(ESRCH, Posix.ENOENT, Posix.ENODEV);

    private final NetlinkSockets sockets;

    @Activate
    public LinuxRouteManager() {
        this(new Posix());
    }

    LinuxRouteManager(Posix posix) {
        this.sockets = new NetlinkSockets(posix);
    }

    @Override
    public boolean addRoute(NetNamespace namespace, Route route) throws IOException {
        return talk(namespace, seq -> RouteCodec.newRoute(route, seq), Set.of(Posix.EEXIST), "add route "
                + describe(route));
    }

    @Override
    public boolean removeRoute(NetNamespace namespace, Route route) throws IOException {
        return talk(namespace, seq -> RouteCodec.deleteRoute(route, seq), ABSENT, "remove route " + describe(route));
    }

    @Override
    public boolean addRule(NetNamespace namespace, Rule rule) throws IOException {
        return talk(namespace, seq -> RouteCodec.newRule(rule, seq), Set.of(Posix.EEXIST), "add rule "
                + describe(rule));
    }

    @Override
    public boolean removeRule(NetNamespace namespace, Rule rule) throws IOException {
        return talk(namespace, seq -> RouteCodec.deleteRule(rule, seq), ABSENT, "remove rule " + describe(rule));
    }

    private boolean talk(NetNamespace namespace, IntFunction<byte[]> request, Set<Integer> benign, String what)
            throws IOException {
        try {
            sockets.get(namespace).request(request);
            return true;
        } catch (Posix.NativeException e) {
            if (benign.contains(e.errno())) {
                return false;
            }
            throw new Posix.NativeException(what + " in " + namespace + ": " + e.getMessage(), e.errno());
        }
    }

    private static String describe(Route r) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != Route.TYPE_UNICAST) {
            sb.append("type ").append(r.type()).append(' ');
        }
        sb.append(r.destination() == null ? "default" : r.destination().toString());
        if (r.gateway() != null) {
            sb.append(" via ").append(r.gateway().getHostAddress());
        }
        if (r.ifindex() != 0) {
            sb.append(" ifindex ").append(r.ifindex());
        }
        sb.append(" table ").append(r.table());
        if (r.metric() >= 0) {
            sb.append(" metric ").append(r.metric());
        }
        return sb.toString();
    }

    private static String describe(Rule r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.invert() ? "not " : "").append("from ").append(all(r.from()));
        if (r.to() != null) {
            sb.append(" to ").append(r.to());
        }
        if (r.priority() >= 0) {
            sb.append(" preference ").append(r.priority());
        }
        sb.append(" action ").append(r.action());
        if (r.action() == Rule.ACTION_TO_TABLE) {
            sb.append(" table ").append(r.table());
        }
        return sb.toString();
    }

    private static String all(IpPrefix p) {
        return p == null ? "all" : p.toString();
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }
}
