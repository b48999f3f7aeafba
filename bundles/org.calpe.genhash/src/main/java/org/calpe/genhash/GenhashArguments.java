package org.calpe.genhash;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * keepalived 2.2.7's genhash command line: GNU {@code getopt_long} with the option string
 * {@code ":hvSs:V:p:u:m:P:t:I"} (arguments permuted, long options abbreviable, {@code --name=value}), the same
 * checks in the same order and the same messages on standard error. Unknown options and {@code -h} are reported
 * and parsing goes on; an invalid value stops at once; then left-over arguments, then the mandatory
 * {@code -s -p -u}. Every failure ends with the usage text and exit code 1.
 */
final class GenhashArguments {
    private static final String SHORT = "hvSs:V:p:u:m:P:t:I";
    private static final String[][] LONG = {
        {"help", "h", "0"}, {"verbose", "v", "0"}, {"use-ssl", "S", "0"}, {"use-sni", "I", "0"},
        {"server", "s", "1"}, {"use-virtualhost", "V", "1"}, {"port", "p", "1"}, {"url", "u", "1"},
        {"fwmark", "m", "1"}, {"protocol", "P", "1"}, {"timeout", "t", "1"},
    };

    /** The outcome: options, or the exit code after the messages were printed. */
    record Result(GenhashOptions options, int exitCode) {
        boolean ok() {
            return options != null;
        }
    }

    private final PrintStream err;
    private byte[] address;
    private String addressText;
    private boolean ipv6;
    private int port;
    private String url;
    private String vhost;
    private boolean ssl;
    private boolean sni;
    private boolean verbose;
    private HttpProtocol protocol = HttpProtocol.HTTP_1_0;
    private long timeoutMicros = GenhashOptions.DEFAULT_TIMEOUT_MICROS;
    private OptionalLong fwmark = OptionalLong.empty();

    private GenhashArguments(PrintStream err) {
        this.err = err;
    }

    /**
     * Parses {@code args} (without the program name); messages and the usage text go to {@code err}.
     * {@code prog} is what the usage text names (keepalived prints its argv[0]).
     */
    static Result parse(String prog, List<String> args, PrintStream err) {
        GenhashArguments p = new GenhashArguments(err);
        if (args.size() <= 1 || !p.parseAll(args)) {
            err.print(usage(prog));
            return new Result(null, 1);
        }
        return new Result(new GenhashOptions(p.address, p.addressText, p.ipv6, p.port, p.url, p.vhost, p.ssl, p.sni,
                p.verbose, p.protocol, p.timeoutMicros, p.fwmark), 0);
    }

    private boolean parseAll(List<String> args) {
        List<String> operands = new ArrayList<>();
        boolean failed = false;
        boolean server = false;
        boolean havePort = false;
        boolean haveUrl = false;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            if (a.equals("--")) {
                operands.addAll(args.subList(i, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                String[] opt = findLong(name);
                if (opt == null || (eq >= 0 && opt[2].equals("0"))) {
                    err.println("Unknown option " + a);
                    failed = true;
                    continue;
                }
                String value = null;
                if (opt[2].equals("1")) {
                    if (eq >= 0) {
                        value = a.substring(eq + 1);
                    } else if (i < args.size()) {
                        value = args.get(i++);
                    } else {
                        // keepalived prints an undefined option name here (garbage, or it crashes)
                        err.println("Missing parameter for option --" + opt[0]);
                        return false;
                    }
                }
                int r = apply(opt[1].charAt(0), value);
                if (r < 0) {
                    return false;
                }
                failed |= r == 0;
                server |= opt[1].equals("s");
                havePort |= opt[1].equals("p");
                haveUrl |= opt[1].equals("u");
                continue;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                operands.add(a);
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                int at = c == ':' ? -1 : SHORT.indexOf(c);
                if (at < 0) {
                    err.println("Unknown option -" + c);
                    failed = true;
                    continue;
                }
                String value = null;
                if (at + 1 < SHORT.length() && SHORT.charAt(at + 1) == ':') {
                    if (k + 1 < a.length()) {
                        value = a.substring(k + 1);
                    } else if (i < args.size()) {
                        value = args.get(i++);
                    } else {
                        err.println("Missing parameter for option -" + c);
                        return false;
                    }
                    k = a.length();
                }
                int r = apply(c, value);
                if (r < 0) {
                    return false;
                }
                failed |= r == 0;
                server |= c == 's';
                havePort |= c == 'p';
                haveUrl |= c == 'u';
            }
        }
        if (failed) {
            return false;
        }
        if (!operands.isEmpty()) {
            err.println("Unexpected argument(s): " + String.join(" ", operands));
            return false;
        }
        return server && havePort && haveUrl;
    }

    /** GNU getopt_long's lookup: an exact name, else the only name the text abbreviates; null if none/ambiguous. */
    private static String[] findLong(String name) {
        String[] found = null;
        for (String[] o : LONG) {
            if (o[0].equals(name)) {
                return o;
            }
            if (!name.isEmpty() && o[0].startsWith(name)) {
                if (found != null) {
                    return null;
                }
                found = o;
            }
        }
        return found;
    }

    /** Applies one option: 1 = fine, 0 = go on but fail at the end (-h), -1 = stop now (message printed). */
    private int apply(char c, String v) {
        switch (c) {
            case 'h':
                return 0;
            case 'v':
                verbose = true;
                return 1;
            case 'S':
                ssl = true;
                return 1;
            case 'I':
                sni = true;
                return 1;
            case 's':
                return server(v);
            case 'V':
                vhost = v;
                return 1;
            case 'p': {
                CNumbers.Parsed n = CNumbers.strtol(v, 0);
                if (n.end() != v.length() || n.value() <= 0 || n.value() > 65535) {
                    err.println("invalid port number '" + v + "'");
                    return -1;
                }
                port = (int) n.value();
                return 1;
            }
            case 'u':
                url = v;
                return 1;
            case 'm': {
                int start = skipBlanks(v);
                CNumbers.Parsed n = CNumbers.strtoul(v, start);
                if (n.end() != v.length() || (start < v.length() && v.charAt(start) == '-')) {
                    err.println("invalid fwmark '" + v + "'");
                    return -1;
                }
                fwmark = OptionalLong.of(n.value() & 0xFFFF_FFFFL);
                return 1;
            }
            case 'P': {
                HttpProtocol p = HttpProtocol.parse(v);
                if (p == null) {
                    err.println("invalid HTTP protocol version '" + v + "'");
                    return -1;
                }
                protocol = p;
                return 1;
            }
            case 't': {
                int start = skipBlanks(v);
                CNumbers.Parsed n = CNumbers.strtoul(v, start);
                if (n.end() != v.length() || start == v.length() || v.charAt(start) == '-') {
                    err.println("invalid timeout '" + v + "'");
                    return -1;
                }
                // (unsigned) seconds, then * TIMER_HZ in unsigned 32-bit arithmetic, as keepalived does
                timeoutMicros = ((n.value() & 0xFFFF_FFFFL) * 1_000_000L) & 0xFFFF_FFFFL;
                return 1;
            }
            default:
                throw new IllegalStateException("option -" + c);
        }
    }

    private int server(String v) {
        byte[] a = v.indexOf(':') >= 0 ? InetText.parseIpv6(v) : InetText.parseIpv4(v);
        if (a == null) {
            err.println("server should be an IP, not " + v);
            return -1;
        }
        address = a;
        ipv6 = a.length == 16;
        addressText = InetText.format(a);
        return 1;
    }

    private static int skipBlanks(String v) {
        int i = 0;
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** keepalived 2.2.7's usage text, naming {@code prog} (printed on standard error). */
    static String usage(String prog) {
        return "Usage: " + prog + " COMMAND [OPTIONS]\n"
                + "Commands:\n"
                + "   -s server-address -p port -u url\n"
                + "   -S -s server-address -p port -u url\n"
                + "   -h\n\n"
                + "Options:\n"
                + "Either long or short options are allowed.\n"
                + "   --use-ssl         -S       Use SSL connection to remote server.\n"
                + "   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).\n"
                + "   --server          -s       Use the specified remote server address.\n"
                + "   --port            -p       Use the specified remote server port.\n"
                + "   --url             -u       Use the specified remote server url.\n"
                + "   --use-virtualhost -V       Use the specified virtualhost in GET query.\n"
                + "   --verbose         -v       Use verbose mode output.\n"
                + "   --help            -h       Display this short inlined help screen.\n"
                + "   --fwmark          -m       Use the specified FW mark.\n"
                + "   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.\n"
                + "                                1.0c means 1.0 with 'Connection: close'\n"
                + "   --timeout         -t       Timeout in seconds\n";
    }
}
