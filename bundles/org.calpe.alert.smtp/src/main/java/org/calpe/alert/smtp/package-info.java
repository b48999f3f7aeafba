/**
 * SMTP alerts as keepalived 2.2.7 sends them, with what keepalived's users have asked for on top.
 *
 * <h2>What is mailed</h2>
 * VRRP instance and sync-group transitions ({@code org/calpe/vrrp/Instance|Group/STATE_CHANGED}), real-server
 * changes ({@code org/calpe/lvs/Checker/*} paired with {@code org/calpe/lvs/RealServer/*}) and virtual-server
 * quorum changes, with keepalived's subjects, bodies, headers ({@code Date}, {@code From}, {@code Subject},
 * {@code X-Mailer: Keepalived}, {@code To}) and byte layout (golden files captured from keepalived in
 * src/test/resources/golden). The global_defs keywords honoured: router_id, notification_email,
 * notification_email_from, smtp_server, smtp_helo_name, smtp_connect_timeout, smtp_alert, smtp_alert_vrrp,
 * smtp_alert_checker, no_email_faults, no_checker_emails; and smtp_alert of vrrp_instance, vrrp_sync_group,
 * virtual_server and real_server, with keepalived's inheritance.
 *
 * <h2>Beyond keepalived (global_defs keywords known to Calpe's configtest only)</h2>
 * <ul>
 * <li>EHLO, falling back to HELO for a relay that does not know it.</li>
 * <li>{@code smtp_starttls off|on|required} (default {@code on}): STARTTLS when offered; {@code required} sends
 * nothing over a relay without it. The relay's certificate is verified against {@code smtp_tls_ca FILE} (PEM)
 * when given, against the JDK's trust store with {@code required} and no file, and not at all with {@code on}
 * and no file (opportunistic encryption). The host name is not checked.</li>
 * <li>{@code smtp_auth_user USER} / {@code smtp_auth_password PASSWORD}: AUTH PLAIN, or LOGIN if that is all the
 * relay offers; credentials only over TLS or to a loopback relay; a relay that offers no AUTH gets the mail
 * without it.</li>
 * <li>{@code smtp_queue_max N} (default 1000): the bound of the alert queue.</li>
 * </ul>
 *
 * <h2>The queue</h2>
 * An alert is written to {@code <calpe.state.dir>/alert-smtp} (or the bundle's data area) before anything is
 * sent, and deleted only after the relay's 250 to the end of its DATA (or a permanent 5xx refusal, logged). The
 * Event Admin thread only hands events to this bundle's own thread. Alerts go out oldest first over one
 * connection at a time; a failed session is retried after 1 s, doubling up to 60 s. A restart sends what is left.
 * At the bound the oldest alert is dropped with a log line and a count. If the connection breaks after the relay
 * accepted an alert but before its 250 arrived, that alert is sent again (a duplicate rather than a loss).
 */
package org.calpe.alert.smtp;
