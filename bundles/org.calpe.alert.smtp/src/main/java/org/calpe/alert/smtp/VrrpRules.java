package org.calpe.alert.smtp;

import java.util.HashMap;
import java.util.Map;

import org.calpe.alert.smtp.mail.KeepalivedMails;
import org.calpe.vrrp.api.VrrpState;

/**
 * When keepalived 2.2.7 mails a VRRP transition (vrrp_notify.c): the instance's (group's) own smtp_alert, else
 * smtp_alert_vrrp, else smtp_alert; never a FAULT with no_email_faults; never twice in a row for the same state
 * (keepalived's {@code last_email_state}). Not thread-safe: one thread feeds it.
 */
final class VrrpRules {
    private final Map<String, VrrpState> lastInstance = new HashMap<>();
    private final Map<String, VrrpState> lastGroup = new HashMap<>();

    void instance(GlobalSettings g, ObjectSwitches objects, String name, VrrpState state, long when, MailSink sink) {
        boolean on = objects.instance(name).orElseGet(g::vrrpDefault);
        if (!on || (g.noEmailFaults() && state == VrrpState.FAULT) || lastInstance.get(name) == state) {
            return;
        }
        KeepalivedMails.instance(g.routerId(), name, state).ifPresent(m -> {
            lastInstance.put(name, state);
            sink.mail(when, m);
        });
    }

    void group(GlobalSettings g, ObjectSwitches objects, String name, VrrpState state, long when, MailSink sink) {
        boolean on = objects.group(name).orElseGet(g::vrrpDefault);
        if (!on || (g.noEmailFaults() && state == VrrpState.FAULT) || lastGroup.get(name) == state) {
            return;
        }
        KeepalivedMails.group(g.routerId(), name, state).ifPresent(m -> {
            lastGroup.put(name, state);
            sink.mail(when, m);
        });
    }
}
