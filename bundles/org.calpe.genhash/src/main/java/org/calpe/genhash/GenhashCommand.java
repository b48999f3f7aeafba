package org.calpe.genhash;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/**
 * Gogo command {@code calpe:genhash}: keepalived's genhash inside the appliance, same arguments and output as
 * scripts/genhash, on the session's standard output and error. The -v dumps are produced on Netty's event loop
 * thread, which Gogo does not attach to the session: standard output is collected and written from the
 * command's thread when the run is over. Returns nothing (a bad command line prints the usage text).
 */
@Component(service = GenhashCommand.class, property = {"osgi.command.scope=calpe", "osgi.command.function=genhash"})
public final class GenhashCommand {
    @Descriptor("MD5 digest of a web page for HTTP_GET/SSL_GET, as keepalived's genhash: "
            + "-s ADDRESS -p PORT -u URL [-S [-I]] [-V VIRTUALHOST] [-P 1.0|1.0c|1.1] [-t SECONDS] [-v]")
    public void genhash(@Descriptor("genhash's options (see genhash -h)") String... args) {
        // Gogo redirects System.out/err per session thread (ThreadIO): look them up now, on the command's thread
        PrintStream sessionOut = System.out;
        PrintStream sessionErr = System.err;
        Charset cs = Genhash.argCharset();
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(collected, false, cs);
        new Genhash("genhash", out, sessionErr, cs).run(Arrays.asList(args));
        out.flush();
        sessionOut.write(collected.toByteArray(), 0, collected.size());
        sessionOut.flush();
    }
}
