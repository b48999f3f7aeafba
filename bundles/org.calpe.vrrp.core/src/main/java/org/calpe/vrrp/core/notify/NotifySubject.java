package org.calpe.vrrp.core.notify;

/** What a notification is about; {@link #word()} is keepalived's word in notify arguments and FIFO lines. */
public enum NotifySubject {
    INSTANCE("INSTANCE"), GROUP("GROUP");

    private final String word;

    NotifySubject(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
