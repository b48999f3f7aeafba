/**
 * Calpe VRRP API: the instance and sync-group states with keepalived's names, the Event Admin topics every
 * state transition is posted on, and the {@link org.calpe.vrrp.api.VrrpAuthenticator} service interface that
 * the authentication bundles ({@code org.calpe.vrrp.auth.pass}, {@code org.calpe.vrrp.auth.ah}) implement.
 * <p>
 * This package is baselined: a change that breaks a consumer fails the build. Grow it by adding, never by
 * changing.
 */
@Export
@Version("1.1.0")
package org.calpe.vrrp.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
