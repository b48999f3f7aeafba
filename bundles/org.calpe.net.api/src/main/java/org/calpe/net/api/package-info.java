/**
 * Ports to the Linux kernel's networking for VRRP: raw IP sockets for protocols 112 and 51
 * ({@link org.calpe.net.api.RawIpTransport}), gratuitous ARP and unsolicited neighbour advertisements
 * ({@link org.calpe.net.api.Announcer}), interface addresses ({@link org.calpe.net.api.AddressManager}) and
 * links and their changes ({@link org.calpe.net.api.LinkMonitor}), macvlan interfaces and per-interface kernel
 * parameters ({@link org.calpe.net.api.LinkManager}, 1.2). Every operation names the
 * {@link org.calpe.net.api.NetNamespace} it acts in. {@link org.calpe.net.api.SocketTuning} (1.2) sets the
 * health checkers' {@code bind_if} and {@code fwmark} on JDK socket channels. A socket can hand datagrams to the
 * kernel to send at a later time ({@link org.calpe.net.api.VrrpSocket#sendAt}, 1.6). Address changes and
 * announcements can be rehearsed shortly before a takeover ({@link org.calpe.net.api.AddressManager#rehearse},
 * {@link org.calpe.net.api.Announcer#rehearse}, 1.7).
 */
@Export
@Version("1.7.0")
package org.calpe.net.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
