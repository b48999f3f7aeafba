package org.calpe.vrrp.core.notify;

/**
 * The notify scripts a {@code vrrp_instance} and a {@code vrrp_sync_group} both have, one per state change plus
 * the generic {@code notify}: so that one reader of the keywords builds either.
 *
 * @param <T> the implementing settings type
 */
public interface StateScripts<T extends StateScripts<T>> {
    /** @return these settings with {@code notify_master} */
    T withMaster(NotifyScript s);

    /** @return these settings with {@code notify_backup} */
    T withBackup(NotifyScript s);

    /** @return these settings with {@code notify_fault} */
    T withFault(NotifyScript s);

    /** @return these settings with {@code notify_stop} */
    T withStop(NotifyScript s);

    /** @return these settings with the generic {@code notify} */
    T withGeneric(NotifyScript s);
}
