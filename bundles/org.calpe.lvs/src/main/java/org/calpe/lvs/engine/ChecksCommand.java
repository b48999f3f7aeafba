package org.calpe.lvs.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.calpe.check.api.CheckResult;
import org.calpe.check.api.dto.CheckerStatus;
import org.calpe.check.api.dto.RealServerStatus;
import org.calpe.check.api.dto.VirtualServerStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands {@code calpe:checks} (every checked real server with state, weight, checkers and last result)
 * and {@code calpe:checklag} (the check start lag histogram, for the scheduling benchmark).
 */
@Component(service = ChecksCommand.class, property = {"osgi.command.scope=calpe", "osgi.command.function=checks",
        "osgi.command.function=checklag"})
public final class ChecksCommand {
    private final CheckDiagnostics diagnostics;
    private final org.calpe.check.api.CheckStatus status;
    private final PrintStream out;

    @Activate
    public ChecksCommand(@Reference CheckDiagnostics diagnostics,
            @Reference org.calpe.check.api.CheckStatus status) {
        this(diagnostics, status, null);
    }

    ChecksCommand(CheckDiagnostics diagnostics, org.calpe.check.api.CheckStatus status, PrintStream out) {
        this.diagnostics = diagnostics;
        this.status = status;
        this.out = out;
    }

    private PrintStream out() {
        return out != null ? out : System.out;
    }

    @Descriptor("list every virtual server with its quorum, then every checked real server: virtual server, real "
            + "server, state, weight, and each checker with its state, failed attempts and last result")
    public void checks() {
        out().print(quorums(status.virtualServers()) + table(status.realServers()));
    }

    /** One line per virtual server: quorum state, alive weight sum, quorum and hysteresis in effect. */
    static String quorums(List<VirtualServerStatus> servers) {
        StringBuilder sb = new StringBuilder();
        for (VirtualServerStatus vs : servers) {
            sb.append(vs.virtualServer()).append("  quorum ").append(vs.quorumUp() ? "UP" : "DOWN")
                    .append("  weight sum ").append(vs.weightSum()).append("  quorum ").append(vs.quorum())
                    .append("  hysteresis ").append(vs.hysteresis()).append('\n');
        }
        return sb.toString();
    }

    @Descriptor("print the check start lag histogram summary (due time to check handed to the checker)")
    public void checklag() {
        out().println(diagnostics.lag().line() + " real_servers=" + diagnostics.realServerCount());
    }

    @Descriptor("print the check start lag summary, then reset the histogram when the argument is 'reset'")
    public void checklag(@Descriptor("'reset' to clear the histogram after printing it") String action) {
        checklag();
        if ("reset".equals(action)) {
            diagnostics.resetLag();
        }
    }

    static String table(List<RealServerStatus> servers) {
        StringBuilder sb = new StringBuilder();
        if (servers.isEmpty()) {
            return "no checked real servers\n";
        }
        for (RealServerStatus rs : servers) {
            sb.append(rs.virtualServer()).append("  ").append(rs.realServer()).append("  ").append(rs.state())
                    .append("  weight ").append(rs.weight()).append(rs.inhibited() ? "  (inhibited)" : "")
                    .append('\n');
            for (CheckerStatus c : rs.checkers()) {
                sb.append("    ").append(c.type()).append(' ').append(c.check()).append("  ").append(c.state())
                        .append(c.available() ? "" : "  (checker unavailable)").append("  failures ")
                        .append(c.failedAttempts()).append("  last ").append(last(c)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String last(CheckerStatus c) {
        if (c.lastResult().isEmpty()) {
            return "-";
        }
        CheckResult r = c.lastResult().get();
        Duration l = r.latency();
        String text = r.verdict() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + " in "
                + (l.toNanos() / 1000) / 1000.0 + " ms";
        return text + " at " + c.lastCheck();
    }
}
