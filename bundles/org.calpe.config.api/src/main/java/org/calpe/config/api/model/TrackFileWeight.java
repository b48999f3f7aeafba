package org.calpe.config.api.model;

/** The weight line of a FILE_CHECK: the multiplier for the file's value, and whether it is reversed. */
public record TrackFileWeight(int weight, boolean reverse) {
}
