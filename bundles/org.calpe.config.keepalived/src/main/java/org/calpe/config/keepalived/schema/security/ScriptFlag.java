package org.calpe.config.keepalived.schema.security;

/** What keepalived's script check found out about one script (its {@code SC_*} flags). */
public enum ScriptFlag {
    /** A file that will be executed was found: counts towards the "scripts are being executed" verdict. */
    IS_SCRIPT,
    /** The file is executable by the script's user. */
    EXECUTABLE,
    /** Not a file at all but a {@code </path} redirection test, run by the shell. */
    SYSTEM,
    /** The script or a directory on its path can be changed by someone other than root. */
    INSECURE,
    /** The script must not run (insecure under script security, or wrong file type on its path). */
    INHIBIT,
    /** The script (or part of its path) does not exist or cannot be accessed. */
    NOT_FOUND
}
