/**
 * The appliance runtime as seen by other bundles: what this host lets Calpe do (root, capabilities, kernel
 * IPVS), which half of keepalived this instance runs ({@link org.calpe.appliance.api.Role}), and where its
 * state lives.
 */
@Export
@Version("1.0.0")
package org.calpe.appliance.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
