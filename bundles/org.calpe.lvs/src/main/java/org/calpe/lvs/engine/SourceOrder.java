package org.calpe.lvs.engine;

import java.util.Map;

/** Where a real server is in keepalived.conf ({@code calpe.source} = {@code file:line}), for listing order. */
record SourceOrder(String file, int line) implements Comparable<SourceOrder> {
    static final SourceOrder NONE = new SourceOrder("\uffff", 0);

    static SourceOrder of(Map<String, Object> props) {
        Object v = props.get("calpe.source");
        if (v == null) {
            return NONE;
        }
        String s = String.valueOf(v);
        int colon = s.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new SourceOrder(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // not file:line
            }
        }
        return new SourceOrder(s, 0);
    }

    @Override
    public int compareTo(SourceOrder o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}
