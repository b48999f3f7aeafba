package org.calpe.vrrp.core.runtime;

import org.osgi.framework.Bundle;

/**
 * Whether the engine's deactivation is a hand-over to the next engine in this JVM or a real stop.
 * <p>
 * A hand-over when the framework is not stopping and the bundle is still persistently started: that is the
 * case for {@code update()}, a refresh, and a dependency going away and coming back (Felix stops the bundle
 * transiently for them). An explicit {@code stop()} clears the persistent flag before the bundle stops, and a
 * framework shutdown puts the system bundle in STOPPING: both are real stops (priority 0, addresses released).
 */
final class HandOverPolicy {
    private HandOverPolicy() {
    }

    /**
     * @param systemBundleState {@link Bundle#getState()} of the system bundle
     * @param persistentlyStarted {@code BundleStartLevel.isPersistentlyStarted()} of the engine's bundle
     */
    static boolean handOver(int systemBundleState, boolean persistentlyStarted) {
        if (systemBundleState == Bundle.STOPPING || systemBundleState == Bundle.RESOLVED
                || systemBundleState == Bundle.UNINSTALLED) {
            return false;
        }
        return persistentlyStarted;
    }
}
