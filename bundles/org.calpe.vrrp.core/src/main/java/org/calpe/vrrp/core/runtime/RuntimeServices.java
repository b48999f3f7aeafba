package org.calpe.vrrp.core.runtime;

import java.util.Objects;
import java.util.function.Function;

import org.calpe.exec.api.ScriptRunner;
import org.calpe.net.api.AddressManager;
import org.calpe.net.api.Announcer;
import org.calpe.net.api.LinkManager;
import org.calpe.net.api.LinkMonitor;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.NamedPipes;
import org.calpe.net.api.RouteManager;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;

/**
 * The ports a {@link VrrpRuntime} works through.
 *
 * @param namespace the network namespace every instance runs in ({@code net_namespace})
 * @param scripts the script runner (the component passes one that delegates to the current service)
 * @param authenticators the current authenticator of a type, or null while none is registered
 * @param routes {@code virtual_routes} and {@code virtual_rules}
 * @param pipes creates the notify FIFOs
 * @param vmacs creates and removes the {@code use_vmac} interfaces
 */
record RuntimeServices(NetNamespace namespace, RawIpTransport transport, AddressManager addresses,
        Announcer announcer, LinkMonitor links, ScriptRunner scripts,
        Function<VrrpAuthType, VrrpAuthenticator> authenticators, EventSink events, RouteManager routes,
        NamedPipes pipes, LinkManager vmacs, PromptWakeups prompt) {

    /** Without prompt wake-ups (tests): {@link PromptWakeups#NONE}. */
    RuntimeServices(NetNamespace namespace, RawIpTransport transport, AddressManager addresses, Announcer announcer,
            LinkMonitor links, ScriptRunner scripts, Function<VrrpAuthType, VrrpAuthenticator> authenticators,
            EventSink events, RouteManager routes, NamedPipes pipes, LinkManager vmacs) {
        this(namespace, transport, addresses, announcer, links, scripts, authenticators, events, routes, pipes, vmacs,
                PromptWakeups.NONE);
    }

    RuntimeServices {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(announcer, "announcer");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(authenticators, "authenticators");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(pipes, "pipes");
        Objects.requireNonNull(vmacs, "vmacs");
        Objects.requireNonNull(prompt, "prompt");
    }
}
