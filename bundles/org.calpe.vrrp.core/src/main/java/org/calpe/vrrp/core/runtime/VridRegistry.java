package org.calpe.vrrp.core.runtime;

/**
 * Which VRIDs the runtime's instances have, so that a socket can tell another instance's advert on the same link
 * (ignored) from one with a VRID no instance has (keepalived's "Unknown VRID", counted as a drop). Used on the
 * loop only.
 */
@FunctionalInterface
interface VridRegistry {

    /** @return true if a running instance other than {@code asking} has {@code vrid} on its interface and family */
    boolean claimed(InstanceRunner asking, int vrid);
}
