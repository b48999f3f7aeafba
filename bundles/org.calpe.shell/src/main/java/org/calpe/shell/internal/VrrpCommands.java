package org.calpe.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.calpe.vrrp.api.VrrpStatus;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo command {@code calpe:vrrp}: the VRRP instances and sync groups. The engine is optional (absent in role
 * {@code check}, briefly gone while its bundle is updated), so the reference is optional and dynamic.
 */
@Component(service = VrrpCommands.class, property = {"osgi.command.scope=calpe", "osgi.command.function=vrrp"})
public final class VrrpCommands {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VrrpStatus status;

    private final PrintStream out;

    public VrrpCommands() {
        this(null, null);
    }

    VrrpCommands(VrrpStatus status, PrintStream out) {
        this.status = status;
        this.out = out;
    }

    private PrintStream out() {
        return out != null ? out : System.out;
    }

    @Descriptor("list the VRRP instances (name, state, interface, VRID, priority base/effective, master, VIPs) "
            + "and sync groups")
    public void vrrp() {
        VrrpStatus s = status;
        out().print(s == null ? VrrpReports.NO_ENGINE : VrrpReports.table(s.instances(), s.groups()));
    }

    @Descriptor("show one VRRP instance in detail with its counters (keepalived's names), or one sync group")
    public void vrrp(@Descriptor("the vrrp_instance or vrrp_sync_group name") String name) {
        VrrpStatus s = status;
        if (s == null) {
            out().print(VrrpReports.NO_ENGINE);
            return;
        }
        List<GroupStatus> groups = s.groups();
        Optional<InstanceStatus> instance = s.instance(name);
        if (instance.isPresent()) {
            Optional<GroupStatus> group = groups.stream().filter(g -> g.instances().contains(name)).findFirst();
            out().print(VrrpReports.detail(instance.get(), group));
            return;
        }
        Optional<GroupStatus> group = groups.stream().filter(g -> g.name().equals(name)).findFirst();
        out().print(group.map(g -> VrrpReports.group(g, s.instances()))
                .orElse("No VRRP instance or sync group " + name + "\n"));
    }
}
