package org.calpe.exec.internal;

/** Numeric user and group a script runs as. */
record Ids(int uid, int gid) {
    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
