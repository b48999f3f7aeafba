package org.calpe.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.calpe.vrrp.api.VrrpStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo command {@code calpe:vrrp-json}: prints the instances as keepalived 2.2.7's JSON dump
 * ({@code /tmp/keepalived.json}, see {@link KeepalivedJson}). Gogo cannot map a hyphenated name to a method,
 * so this command is a {@link Function}; it takes no arguments. Without an engine it prints a message on
 * standard error and nothing on standard output; with an engine but no instances it prints {@code []}
 * (keepalived writes no file then).
 */
@Component(service = Function.class, property = {"osgi.command.scope=calpe",
        "osgi.command.function=vrrp-json"})
public final class VrrpJsonCommand implements Function {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VrrpStatus status;

    private final PrintStream out;
    private final PrintStream err;

    public VrrpJsonCommand() {
        this(null, null, null);
    }

    VrrpJsonCommand(VrrpStatus status, PrintStream out, PrintStream err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("calpe:vrrp-json takes no arguments: it prints keepalived's JSON "
                    + "dump of all VRRP instances");
        }
        VrrpStatus s = status;
        if (s == null) {
            (err != null ? err : System.err).print(VrrpReports.NO_ENGINE);
            return null;
        }
        (out != null ? out : System.out).print(KeepalivedJson.write(s.instances()));
        return null;
    }
}
