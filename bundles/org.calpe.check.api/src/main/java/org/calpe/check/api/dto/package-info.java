/**
 * Immutable snapshots of real servers and their checkers, for the shell, the console, the JSON dump and the
 * state hand-over of a hot swap. Snapshots are values: the check engine makes a new one on every change.
 */
@Export
@Version("1.1.0")
package org.calpe.check.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
