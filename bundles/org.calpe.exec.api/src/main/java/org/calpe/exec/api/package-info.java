/**
 * The script runner: the one service through which VRRP ({@code notify*}, {@code track_script}) and the health
 * checkers ({@code MISC_CHECK}, {@code notify_up/down}) run external scripts. A script is a
 * {@link org.calpe.exec.api.ScriptCommand} split as keepalived splits it, run as a user and group, in its own
 * session and process group, with a timeout that ends the whole group (SIGTERM, then SIGKILL after a grace
 * period), and bounded output. Running never blocks the caller.
 */
@Export
@Version("1.0.0")
package org.calpe.exec.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
