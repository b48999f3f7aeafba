package org.calpe.vrrp.core.runtime;

import java.util.Map;

/** Where the runtime posts its {@link org.calpe.vrrp.api.VrrpTopics} events (Event Admin in the framework). */
@FunctionalInterface
interface EventSink {
    EventSink NONE = (topic, properties) -> {
    };

    /** Posts asynchronously; never blocks. */
    void post(String topic, Map<String, Object> properties);
}
