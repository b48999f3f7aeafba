package org.calpe.vrrp.core.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.calpe.vrrp.core.notify.NotifyFifoConfig;
import org.calpe.vrrp.core.notify.NotifyScript;

/**
 * The VRRP notify FIFOs of {@code global_defs}, in keepalived's order: {@code notify_fifo} (shared with the
 * checker) first, then {@code vrrp_notify_fifo}, each with its optional {@code *_script SCRIPT [user [group]]}.
 * Config Admin holds each as canonical words: a FIFO as its path (and, ignored here, a user and group), a script
 * as its quoted command line followed by the user and group.
 */
final class NotifyFifoSettings {
    private NotifyFifoSettings() {
    }

    static List<NotifyFifoConfig> of(Props global) {
        List<NotifyFifoConfig> out = new ArrayList<>();
        for (String keyword : List.of("notify_fifo", "vrrp_notify_fifo")) {
            Optional<String> fifo = global.string(keyword).map(String::trim).filter(v -> !v.isEmpty());
            if (fifo.isEmpty()) {
                continue;
            }
            String path = words(fifo.get()).get(0);
            Optional<NotifyScript> script = global.string(keyword + "_script").map(NotifyFifoSettings::script);
            out.add(new NotifyFifoConfig(keyword, Path.of(path), script));
        }
        return out;
    }

    private static NotifyScript script(String value) {
        List<String> w = words(value);
        if (w.size() >= 3) {
            return NotifyScript.of(w.get(0), RunAs.of(w.get(1), w.get(2)));
        }
        if (w.size() == 2) {
            return NotifyScript.of(w.get(0), RunAs.user(w.get(1)));
        }
        return NotifyScript.of(w.get(0));
    }

    /** Words as the configuration reads them: blank separated, a double-quoted word runs to the next quote. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                end = end < 0 ? s.length() : end;
                out.add(s.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            }
        }
        return out;
    }
}
