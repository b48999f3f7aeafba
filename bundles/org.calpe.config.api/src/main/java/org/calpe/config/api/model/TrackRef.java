package org.calpe.config.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a {@code track_interface}, {@code track_script}, {@code track_file}, {@code track_process} or
 * {@code track_bfd} block: {@code NAME [weight N [reverse|noreverse]]}.
 *
 * @param name the tracked object (interface, vrrp_script, track_file, vrrp_track_process, bfd_instance)
 * @param weight the weight, or null for the tracked object's default
 * @param reverse whether the priority adjustment is reversed
 */
public record TrackRef(String name, Integer weight, boolean reverse) {
    public List<String> words() {
        List<String> w = new ArrayList<>(4);
        w.add(name);
        if (weight != null) {
            w.add("weight");
            w.add(weight.toString());
            if (reverse) {
                w.add("reverse");
            }
        }
        return w;
    }

    public boolean weighted() {
        return weight != null && weight != 0;
    }
}
