package org.calpe.alert.smtp;

import java.util.Optional;

/**
 * The per-object {@code smtp_alert} of the configured objects (empty when the object sets none or is unknown).
 * Virtual and real servers are named as keepalived prints them, as the check events carry them.
 */
interface ObjectSwitches {
    Optional<Boolean> instance(String name);

    Optional<Boolean> group(String name);

    Optional<Boolean> virtualServer(String virtualServer);

    Optional<Boolean> realServer(String realServer, String virtualServer);

    /** No object sets anything: the global switches decide. */
    ObjectSwitches NONE = new ObjectSwitches() {
        @Override
        public Optional<Boolean> instance(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> group(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> virtualServer(String virtualServer) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> realServer(String realServer, String virtualServer) {
            return Optional.empty();
        }
    };
}
