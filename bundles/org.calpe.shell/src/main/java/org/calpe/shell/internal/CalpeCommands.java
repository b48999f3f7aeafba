package org.calpe.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;

import org.apache.felix.service.command.Descriptor;
import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gogo commands of scope {@code calpe}: configtest, the config media, snapshots and rollback. */
@Component(service = CalpeCommands.class, property = {"osgi.command.scope=calpe",
        "osgi.command.function=configtest", "osgi.command.function=media", "osgi.command.function=snapshots",
        "osgi.command.function=rollback", "osgi.command.function=reload"})
public final class CalpeCommands {
    private final ConfigurationParser parser;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigMedia media;

    private final PrintStream out;

    @Activate
    public CalpeCommands(@Reference ConfigurationParser parser) {
        this(parser, null, null);
    }

    CalpeCommands(ConfigurationParser parser, ConfigMedia media, PrintStream out) {
        this.parser = parser;
        this.media = media;
        this.out = out;
    }

    private PrintStream out() {
        return out != null ? out : System.out;
    }

    @Descriptor("check the config media's keepalived.conf as keepalived -t does; returns its exit code "
            + "(0 ok, 4 fatal, 5 errors or warnings, 6 script security)")
    public int configtest() {
        ConfigMedia m = media;
        if (m == null) {
            out().println("No config media service; give a file: calpe:configtest FILE");
            return 4;
        }
        return configtest(Path.of(m.status().directory(), "keepalived.conf").toString());
    }

    @Descriptor("check a keepalived.conf (with its includes) as keepalived -t does; returns its exit code "
            + "(0 ok, 4 fatal, 5 errors or warnings, 6 script security)")
    public int configtest(@Descriptor("the configuration file") String file) {
        Path p = Path.of(file).toAbsolutePath();
        ParseResult r = parser.parse(p, ParseOptions.defaults());
        out().print(Reports.configtest(p.toString(), r));
        return r.exitCode();
    }

    @Descriptor("show the config media: directory, state, last applied configuration and snapshot")
    public void media() {
        ConfigMedia m = media;
        out().print(m == null ? "No config media service\n" : Reports.media(m.status()));
    }

    @Descriptor("list the snapshots of applied configurations on the media (* = the running one)")
    public void snapshots() {
        ConfigMedia m = media;
        out().print(m == null ? "No config media service\n"
                : Reports.snapshots(m.snapshots(), m.status().lastSnapshot()));
    }

    @Descriptor("restore a snapshot onto the media (the current files are snapshotted first) and apply it")
    public void rollback(@Descriptor("snapshot id, as listed by calpe:snapshots") String id) {
        ConfigMedia m = media;
        if (m == null) {
            out().println("No config media service");
            return;
        }
        try {
            out().print(Reports.outcome(m.rollback(id)));
        } catch (IllegalArgumentException e) {
            out().println(e.getMessage());
        }
    }

    @Descriptor("read keepalived.conf from the media now and apply it if it is valid")
    public void reload() {
        ConfigMedia m = media;
        out().print(m == null ? "No config media service\n" : Reports.outcome(m.reload()));
    }
}
