package org.calpe.vrrp.core.notify;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured FIFO that receives VRRP notify lines: {@code notify_fifo} or {@code vrrp_notify_fifo}, with its
 * {@code [vrrp_]notify_fifo_script}. Both kinds get every VRRP line.
 *
 * @param keyword how the configuration named it ({@code notify_fifo}), for request names
 */
public record NotifyFifoConfig(String keyword, Path path, Optional<NotifyScript> script) {
    public NotifyFifoConfig {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(script, "script");
    }
}
