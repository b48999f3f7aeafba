/**
 * Ports to the Linux kernel's networking for VRRP: raw IP sockets for protocols 112 and 51
 * ({@link org.calpe.net.api.RawIpTransport}), gratuitous ARP and unsolicited neighbour advertisements
 * ({@link org.calpe.net.api.Announcer}), interface addresses ({@link org.calpe.net.api.AddressManager}) and
 * links and their changes ({@link org.calpe.net.api.LinkMonitor}). Every operation names the
 * {@link org.calpe.net.api.NetNamespace} it acts in.
 */
@Export
@Version("1.1.0")
package org.calpe.net.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
