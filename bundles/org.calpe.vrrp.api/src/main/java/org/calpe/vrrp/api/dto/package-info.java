/**
 * Immutable snapshots of VRRP instances and sync groups, for the shell, the console, the JSON dump and the
 * state hand-over of a hot swap. Snapshots are values: the engine makes a new one on every change.
 */
@Export
@Version("1.0.0")
package org.calpe.vrrp.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
