package org.calpe.vrrp.core.runtime;

import java.time.Duration;
import java.util.Map;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.core.track.TrackScript;

/**
 * Reads one {@code org.calpe.vrrp.Script} configuration ({@code vrrp_script}) as config.keepalived writes it:
 * {@code script} (the command line), {@code interval}, {@code timeout}, {@code weight} ({@code W} or
 * {@code W reverse}), {@code rise}, {@code fall}, {@code user} ({@code USER [GROUP]}), {@code init_fail}.
 */
final class ScriptSpec {
    private ScriptSpec() {
    }

    /**
     * @throws IllegalArgumentException naming what cannot be run
     */
    static TrackScript parse(Map<String, ?> properties) {
        Props p = new Props(properties);
        String name = p.string(InstanceSpec.NAME).orElseThrow(
                () -> new IllegalArgumentException(InstanceSpec.NAME + " missing"));
        String script = p.string("script").filter(s -> !s.isBlank()).orElseThrow(
                () -> new IllegalArgumentException("No script set for vrrp_script " + name));
        TrackScript t = TrackScript.of(name, ScriptCommand.parse(script));
        double interval = p.number("interval").orElse(1.0);
        t = t.withInterval(Duration.ofMillis(Math.max(1, Math.round(interval * 1000))));
        if (p.number("timeout").isPresent()) {
            double timeout = p.number("timeout").get();
            if (timeout > 0) {
                t = t.withTimeout(Duration.ofMillis(Math.round(timeout * 1000)));
            }
        }
        String[] weight = p.string("weight").map(s -> s.trim().split("\\s+")).orElse(new String[0]);
        if (weight.length > 0 && !weight[0].isEmpty()) {
            int w = (int) Double.parseDouble(weight[0]);
            boolean reverse = weight.length > 1 && weight[1].equals("reverse");
            t = t.withWeight(w, reverse);
        }
        t = t.withRiseFall(p.integer("rise", 1), p.integer("fall", 1));
        t = t.withInitFail(p.flag("init_fail"));
        String[] user = p.string("user").map(s -> s.trim().split("\\s+")).orElse(new String[0]);
        if (user.length == 1 && !user[0].isEmpty()) {
            t = t.withUser(RunAs.user(user[0]));
        } else if (user.length > 1) {
            t = t.withUser(RunAs.of(user[0], user[1]));
        }
        return t;
    }
}
