package org.calpe.config.keepalived.schema.vrrp;

import java.util.HashSet;
import java.util.Set;

import org.calpe.config.api.Location;
import org.calpe.config.keepalived.schema.ParseContext;

/**
 * Per-parse scratch state for checks keepalived makes while reading (names declared so far), kept in
 * {@link ParseContext#state}.
 */
final class VrrpRefs {
    final Set<String> trackGroups = new HashSet<>();
    final Set<String> instances = new HashSet<>();
    final Set<String> syncGroups = new HashSet<>();
    final Set<String> vmacNames = new HashSet<>();
    final Set<String> trackGroupNames = new HashSet<>();
    final Set<String> scripts = new HashSet<>();
    final Set<String> trackFiles = new HashSet<>();
    final Set<String> processes = new HashSet<>();
    final Set<String> bfds = new HashSet<>();

    boolean declared(TrackItems.Kind kind, String name) {
        return switch (kind) {
            case SCRIPT -> scripts.contains(name);
            case FILE -> trackFiles.contains(name);
            case PROCESS -> processes.contains(name);
            case BFD -> bfds.contains(name);
            default -> true;
        };
    }

    /** global_defs settings the VRRP checks depend on (recorded when global_defs closes). */
    boolean globalStrict;
    int globalVersion = 2;
    /** Default weights of declared vrrp_scripts, track_files and vrrp_track_processes. */
    final java.util.Map<String, Integer> scriptWeights = new java.util.HashMap<>();
    final java.util.Map<String, Integer> fileWeights = new java.util.HashMap<>();
    final java.util.Map<String, Integer> processWeights = new java.util.HashMap<>();
    final java.util.Map<String, Integer> bfdWeights = new java.util.HashMap<>();

    static VrrpRefs of(ParseContext ctx) {
        return ctx.state(VrrpRefs.class, VrrpRefs::new);
    }

    /** A static address/route/rule names a track group: it must be declared before (keepalived reads in order). */
    static void trackGroupUse(ParseContext ctx, String name, Location loc) {
        if (!of(ctx).trackGroups.contains(name)) {
            ctx.error(loc, "track_group %s not found", name);
        }
    }
}
