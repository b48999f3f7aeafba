package org.calpe.vrrp.core.track;

/** Receives script state changes on the scheduler's event loop thread. */
@FunctionalInterface
public interface ScriptStateListener {
    void scriptChanged(ScriptStateChange change);
}
