package org.calpe.lvs.engine;

import java.util.Map;

/**
 * Where a real server is in keepalived.conf ({@code calpe.source} = {@code file:line}), for listing order. Keeps
 * the configuration's own {@code source} string and where its file part ends, so that thousands of real servers
 * do not each hold a copy of the file name.
 *
 * @param source {@code file:line}, or any text (then {@code fileEnd} is its length and {@code line} 0)
 * @param fileEnd the length of the file part of {@code source}
 * @param line the line, 0 if unknown
 */
record SourceOrder(String source, int fileEnd, int line) implements Comparable<SourceOrder> {
    static final SourceOrder NONE = new SourceOrder("\uffff", 1, 0);

    static SourceOrder of(Map<String, Object> props) {
        Object v = props.get("calpe.source");
        if (v == null) {
            return NONE;
        }
        String s = String.valueOf(v);
        int colon = s.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new SourceOrder(s, colon, Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // not file:line
            }
        }
        return new SourceOrder(s, s.length(), 0);
    }

    /** The file part. */
    String file() {
        return source.substring(0, fileEnd);
    }

    @Override
    public int compareTo(SourceOrder o) {
        int c = compareFiles(o);
        return c != 0 ? c : Integer.compare(line, o.line);
    }

    /** {@code file().compareTo(o.file())} without the substrings. */
    private int compareFiles(SourceOrder o) {
        int n = Math.min(fileEnd, o.fileEnd);
        for (int i = 0; i < n; i++) {
            char a = source.charAt(i);
            char b = o.source.charAt(i);
            if (a != b) {
                return a - b;
            }
        }
        return fileEnd - o.fileEnd;
    }
}
