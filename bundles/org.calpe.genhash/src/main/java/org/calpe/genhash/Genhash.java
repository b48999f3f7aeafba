package org.calpe.genhash;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIServerName;

import io.netty.handler.ssl.SslContext;

/**
 * Calpe's genhash: keepalived 2.2.7's {@code genhash} (MD5 digest of a web page, for HTTP_GET / SSL_GET
 * {@code digest}) with the same options, output and exit codes: 1 for a bad command line (usage text on standard
 * error), otherwise 0, whatever happened on the network (the failure is a line on standard output). What the
 * JDK cannot do ({@code -m} fwmark = SO_MARK) is refused with a message on standard error and exit code 2.
 *
 * <p>Run as a plain Java program: {@code java -cp <bundle jar>:<netty jars> org.calpe.genhash.Genhash ARGS}
 * (scripts/genhash); the system property {@code genhash.prog} names the program in the usage text.
 */
public final class Genhash {
    /** Exit code for options the JDK cannot honour. */
    static final int UNSUPPORTED = 2;

    private final String prog;
    private final PrintStream out;
    private final PrintStream err;
    private final Charset argCharset;

    Genhash(String prog, PrintStream out, PrintStream err, Charset argCharset) {
        this.prog = prog;
        this.out = out;
        this.err = err;
        this.argCharset = argCharset;
    }

    public static void main(String[] args) {
        // Netty's channel ids look for a MAC address and warn (on stderr) where there is none, e.g. in a fresh
        // network namespace; genhash's output must stay keepalived's
        if (System.getProperty("io.netty.machineId") == null) {
            System.setProperty("io.netty.machineId", "02:00:00:00:00:00");
        }
        java.util.logging.Logger netty = java.util.logging.Logger.getLogger("io.netty");
        netty.setLevel(java.util.logging.Level.OFF);
        Charset cs = argCharset();
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, cs);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, cs);
        int code = new Genhash(System.getProperty("genhash.prog", "genhash"), out, err, cs).run(Arrays.asList(args));
        out.flush();
        err.flush();
        netty.setLevel(java.util.logging.Level.OFF); // (keeps the logger, and its level, reachable until here)
        System.exit(code);
    }

    /** The charset the JVM decoded the command line with (to send the url and virtualhost as typed). */
    static Charset argCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu != null ? Charset.forName(jnu) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Runs genhash with {@code args} (no program name) and returns the exit code. */
    int run(List<String> args) {
        GenhashArguments.Result parsed = GenhashArguments.parse(prog, args, err);
        if (!parsed.ok()) {
            return parsed.exitCode();
        }
        GenhashOptions o = parsed.options();
        if (o.fwmark().isPresent()) {
            err.print(prog + ": -m/--fwmark " + o.fwmark().getAsLong() + " is not supported: Calpe's genhash runs on"
                    + " the JDK, which cannot set SO_MARK on a socket (no request was sent)\n");
            return UNSUPPORTED;
        }
        SNIServerName sni;
        try {
            sni = GenhashClient.sniName(o, argCharset);
        } catch (IllegalArgumentException e) {
            err.print(prog + ": -I: the JDK cannot send '" + o.virtualhost() + "' as an SNI host name ("
                    + e.getMessage() + "); no request was sent\n");
            return UNSUPPORTED;
        }
        long start = System.nanoTime();
        GenhashHandler.Result r;
        try {
            SslContext ssl = o.ssl() ? GenhashClient.sslContext() : null;
            r = new GenhashClient(o, argCharset).run(ssl, sni, out);
        } catch (javax.net.ssl.SSLException e) {
            err.print("Cannot initialize SSL context.\n");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        long micros = (System.nanoTime() - start) / 1000;
        report(r);
        if (o.verbose()) {
            out.print("\nGlobal response time for [");
            out.write(o.url().getBytes(argCharset), 0, o.url().getBytes(argCharset).length);
            out.print("] = " + micros + " usecs\n");
        }
        out.flush();
        return 0;
    }

    private void report(GenhashHandler.Result r) {
        switch (r.outcome()) {
            case DIGEST:
                out.print(ResponseProcessor.hex(r.digest()) + "\n");
                break;
            case NO_DATA:
                out.flush();
                err.print("no data received from remote webserver\n");
                break;
            default:
                out.print(r.outcome().message() + "\n");
                break;
        }
    }
}
