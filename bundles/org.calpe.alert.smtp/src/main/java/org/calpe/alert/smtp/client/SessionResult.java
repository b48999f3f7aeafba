package org.calpe.alert.smtp.client;

/**
 * The outcome of one relay connection.
 *
 * @param delivered alerts the relay accepted (250 to the end of DATA)
 * @param rejected  alerts the relay refused for good (5xx) and that were dropped
 * @param error     why the session ended early (relay unreachable, 4xx, timeout, TLS…), or null if it ended with
 *                  QUIT after the whole batch
 */
public record SessionResult(int delivered, int rejected, String error) {
    public boolean ok() {
        return error == null;
    }
}
