package org.calpe.config.media.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the config media: the configured {@code path}, else the framework property {@code calpe.media}, else the
 * partition labelled {@code CALPE} ({@link LabelledPartition}: found with or without udev, mounted if nobody
 * did), else the bundled example. The first two are immediate ({@link #explicit}); the search may run commands
 * and is made on the media thread ({@link #search}).
 */
final class MediaLocator {
    static final String LABEL = LabelledPartition.LABEL;
    static final String EXAMPLE = "bundled example";
    static final String FRAMEWORK_PROPERTY = "framework property calpe.media";
    static final String CONFIGURATION = "configuration org.calpe.config.media";
    static final String PARTITION = "partition labelled " + LABEL;

    private MediaLocator() {
    }

    /** The media named by the component's configuration or the framework property, if either names one. */
    static Optional<MediaLocation> explicit(String configuredPath, String frameworkProperty) {
        if (configuredPath != null && !configuredPath.isBlank()) {
            return Optional.of(new MediaLocation(Path.of(configuredPath.trim()), CONFIGURATION));
        }
        if (frameworkProperty != null && !frameworkProperty.isBlank()) {
            return Optional.of(new MediaLocation(Path.of(frameworkProperty.trim()), FRAMEWORK_PROPERTY));
        }
        return Optional.empty();
    }

    /** The partition labelled CALPE (null: the search is off), else the bundled example. */
    static MediaLocation search(LabelledPartition partition, Supplier<Path> example) {
        Optional<LabelledPartition.Attachment> a = partition == null ? Optional.empty() : partition.attach();
        if (a.isPresent()) {
            return new MediaLocation(a.get().directory(), PARTITION + " (" + a.get().device() + ")");
        }
        return new MediaLocation(example.get(), EXAMPLE);
    }

    /** Whether a location is the labelled partition. */
    static boolean isPartition(MediaLocation location) {
        return location.origin().startsWith(PARTITION);
    }

    /** All in one, in order (for tests and callers that may block). */
    static MediaLocation locate(String configuredPath, String frameworkProperty, LabelledPartition partition,
            Supplier<Path> example) {
        return explicit(configuredPath, frameworkProperty).orElseGet(() -> search(partition, example));
    }
}
