package org.calpe.vrrp.core.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden file of {@code scripts/tools/notify-golden.sh}: steps, each with the script runs (user and argv, in
 * keepalived's fork order) and the lines read from the two FIFOs.
 */
record NotifyGolden(String scenario, String conf, List<Step> steps) {

    record Run(String user, List<String> argv) {
    }

    record Step(String name, List<Run> runs, List<String> notifyFifo, List<String> vrrpFifo) {
    }

    static NotifyGolden load(String scenario, String dir) throws IOException {
        String text = resource(scenario + ".notify").replace("@DIR@", dir);
        String conf = resource(scenario + ".conf");
        List<Step> steps = new ArrayList<>();
        String name = null;
        List<Run> runs = null;
        List<String> notify = null;
        List<String> vrrp = null;
        String user = null;
        List<String> argv = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String rest = sp < 0 ? "" : line.substring(sp + 1);
            switch (key) {
                case "step" -> {
                    if (name != null) {
                        steps.add(new Step(name, runs, notify, vrrp));
                    }
                    name = rest;
                    runs = new ArrayList<>();
                    notify = new ArrayList<>();
                    vrrp = new ArrayList<>();
                }
                case "run" -> {
                    user = rest;
                    argv = new ArrayList<>();
                }
                case "arg" -> argv.add(rest);
                case "end" -> runs.add(new Run(user, List.copyOf(argv)));
                case "fifo" -> {
                    int sp2 = rest.indexOf(' ');
                    String which = rest.substring(0, sp2);
                    (which.equals("notify") ? notify : vrrp).add(rest.substring(sp2 + 1));
                }
                default -> throw new IllegalStateException(scenario + ": unexpected golden line: " + line);
            }
        }
        if (name != null) {
            steps.add(new Step(name, runs, notify, vrrp));
        }
        return new NotifyGolden(scenario, conf, List.copyOf(steps));
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = NotifyGolden.class.getResourceAsStream("/notify-golden/" + file)) {
            if (in == null) {
                throw new IOException("missing golden resource notify-golden/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
