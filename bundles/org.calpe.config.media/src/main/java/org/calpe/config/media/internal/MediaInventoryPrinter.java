package org.calpe.config.media.internal;

import java.io.PrintWriter;

import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.SnapshotInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The config media's state on the Web Console's status page ({@code /system/console/status-calpe-media}):
 * whether the running configuration is the media's, or the last good one because the media is gone or the file
 * was rejected, with the diagnostics and snapshots.
 */
@Component(service = InventoryPrinter.class, property = {InventoryPrinter.NAME + "=calpe-media",
        InventoryPrinter.TITLE + "=Calpe config media", InventoryPrinter.FORMAT + "=TEXT"})
public final class MediaInventoryPrinter implements InventoryPrinter {
    /** Optional: the media component is briefly away while it is reconfigured. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigMedia media;

    public MediaInventoryPrinter() {
    }

    MediaInventoryPrinter(ConfigMedia media) {
        this.media = media;
    }

    @Override
    public void print(PrintWriter out, Format format, boolean isZip) {
        ConfigMedia m = media;
        if (m == null) {
            out.println("The config media service is not running (starting or being reconfigured).");
            return;
        }
        print(out, m);
    }

    private static void print(PrintWriter out, ConfigMedia media) {
        MediaStatus s = media.status();
        out.println("Media:    " + s.directory() + " (" + s.origin() + ")");
        out.println("State:    " + s.state());
        out.println("Message:  " + s.message());
        out.println("Applied:  " + s.lastApplied().map(Object::toString).orElse("never"));
        out.println("Snapshot: " + (s.lastSnapshot().isEmpty() ? "none" : s.lastSnapshot()));
        out.println();
        out.println("Diagnostics of the last read:");
        if (s.diagnostics().isEmpty()) {
            out.println("  none");
        }
        for (Diagnostic d : s.diagnostics()) {
            out.println("  " + d);
        }
        out.println();
        out.println("Watched files:");
        s.watched().forEach(f -> out.println("  " + f));
        out.println();
        out.println("Snapshots (rollback with calpe:rollback ID):");
        for (SnapshotInfo i : media.snapshots()) {
            out.println((i.id().equals(s.lastSnapshot()) ? "* " : "  ") + i.id() + "  " + i.created() + "  "
                    + i.files().size() + " files  " + i.reason());
        }
    }
}
