package org.calpe.config.keepalived;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.keepalived.parser.KeepalivedParser;

/**
 * {@code calpe -t}: checks a keepalived.conf without starting the appliance, prints every diagnostic as
 * {@code file:line:col: severity: message} and exits with {@code keepalived -t}'s codes (0 ok, 4 fatal,
 * 5 error or warning, 6 script security).
 *
 * <pre>
 * ConfigTest [-f FILE] [-i CONFIG_ID] [--no-interface-check] [--quiet]
 * ConfigTest --batch        read lines "FILE[&lt;TAB&gt;-i ID]" from stdin, print "exitcode&lt;TAB&gt;FILE" per line
 * </pre>
 */
public final class ConfigTest {
    private ConfigTest() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String file = "/etc/keepalived/keepalived.conf";
        ParseOptions options = ParseOptions.defaults();
        boolean batch = false;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f", "--use-file" -> file = next(args, ++i);
                case "-i", "--config-id" -> options = options.withConfigId(next(args, ++i));
                case "--no-interface-check" -> options = options.withCheckInterfaces(false);
                case "--batch" -> batch = true;
                case "-q", "--quiet" -> quiet = true;
                default -> {
                    err.println("configtest: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        KeepalivedParser parser = new KeepalivedParser();
        if (batch) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] parts = line.strip().split("\t");
                    ParseOptions lineOptions = options;
                    for (int i = 1; i + 1 < parts.length; i += 2) {
                        if (parts[i].equals("-i")) {
                            lineOptions = lineOptions.withConfigId(parts[i + 1]);
                        }
                    }
                    ParseResult r = parser.parse(Path.of(parts[0]), lineOptions);
                    out.println(r.exitCode() + "\t" + parts[0]);
                    if (!quiet) {
                        r.diagnostics().forEach(d -> out.println("\t" + d));
                    }
                }
            }
            out.flush();
            return 0;
        }
        ParseResult r = parser.parse(Path.of(file), options);
        if (!quiet) {
            for (Diagnostic d : r.diagnostics()) {
                err.println(d);
            }
        }
        return r.exitCode();
    }

    private static String next(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i - 1]);
        }
        return args[i];
    }
}
