package org.calpe.shell.internal;

import java.util.List;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.SnapshotInfo;

/** Plain-text renderings of the configuration services' results for the shell. */
final class Reports {
    private Reports() {
    }

    static String configtest(String file, ParseResult r) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : r.diagnostics()) {
            sb.append(d).append('\n');
        }
        int code = r.exitCode();
        if (code == 0) {
            sb.append("Configuration file ").append(file).append(" is valid (").append(r.files().size())
                    .append(r.files().size() == 1 ? " file" : " files").append(" read)\n");
        } else {
            sb.append("Configuration file ").append(file).append(": ").append(r.diagnostics().size())
                    .append(r.diagnostics().size() == 1 ? " diagnostic" : " diagnostics").append(", exit code ")
                    .append(code).append(" (").append(meaning(code)).append(")\n");
        }
        return sb.toString();
    }

    static String meaning(int code) {
        return switch (code) {
            case 0 -> "ok";
            case 4 -> "fatal: the configuration cannot be used";
            case 5 -> "errors or warnings";
            case 6 -> "script security";
            default -> "unknown";
        };
    }

    static String media(MediaStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Media:     ").append(s.directory()).append(" (").append(s.origin()).append(")\n");
        sb.append("State:     ").append(s.state()).append('\n');
        sb.append("Message:   ").append(s.message()).append('\n');
        sb.append("Applied:   ").append(s.lastApplied().map(Object::toString).orElse("never")).append('\n');
        sb.append("Snapshot:  ").append(s.lastSnapshot().isEmpty() ? "none" : s.lastSnapshot()).append('\n');
        sb.append("Watching:  ").append(String.join(", ", s.watched())).append('\n');
        for (Diagnostic d : s.diagnostics()) {
            sb.append("  ").append(d).append('\n');
        }
        return sb.toString();
    }

    static String snapshots(List<SnapshotInfo> list, String current) {
        if (list.isEmpty()) {
            return "No snapshots\n";
        }
        StringBuilder sb = new StringBuilder(String.format("  %-24s %-22s %5s  %s%n", "ID", "CREATED", "FILES",
                "REASON"));
        for (SnapshotInfo i : list) {
            sb.append(String.format("%s %-24s %-22s %5d  %s%n", i.id().equals(current) ? "*" : " ", i.id(),
                    i.created(), i.files().size(), i.reason()));
        }
        return sb.toString();
    }

    static String outcome(ReloadOutcome o) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : o.diagnostics()) {
            sb.append(d).append('\n');
        }
        sb.append(o.applied() ? "Applied" : "Not applied").append(": ").append(o.message());
        if (!o.snapshot().isEmpty()) {
            sb.append(" [snapshot ").append(o.snapshot()).append(']');
        }
        return sb.append('\n').toString();
    }
}
