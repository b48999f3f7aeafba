package org.calpe.vrrp.core.track;

/**
 * A script's state for people and tools, with the words of keepalived's data dump
 * ({@code Status = INIT | INIT/FAILED | GOOD | BAD}, {@code State = idle | running}).
 *
 * @param name       the script
 * @param status     {@code INIT}, {@code INIT/FAILED} (with {@code init_fail}), {@code GOOD} or {@code BAD}
 * @param running    a run is in progress
 * @param result     keepalived's rise/fall counter
 * @param lastStatus the last exit status seen (0 before the first)
 * @param runs       runs started
 * @param skipped    interval ticks skipped because the previous run had not ended
 */
public record TrackScriptStatus(String name, String status, boolean running, int result, int lastStatus, long runs,
        long skipped) {
}
