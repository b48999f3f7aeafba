package org.calpe.vrrp.core.notify;

import java.nio.file.Path;

import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.api.VrrpState;

/**
 * keepalived's notify formats, as pure functions (checked against keepalived 2.2.7 by the goldens of
 * {@code scripts/tools/notify-golden.sh}):
 * <ul>
 * <li>the state-specific scripts ({@code notify_master} ...) get no extra arguments;</li>
 * <li>the generic {@code notify} gets four: {@code INSTANCE|GROUP}, the name (a plain word, no quotes), the state
 * in upper case and the priority in decimal; an instance's is its effective priority (also for FAULT, STOP and
 * DELETED), a group's is always {@code 0};</li>
 * <li>a FIFO line is {@code INSTANCE "VI_1" MASTER 100}: the same four fields, the name in double quotes (not
 * escaped), terminated by a newline when written;</li>
 * <li>{@code notify_fifo_script} / {@code vrrp_notify_fifo_script} get the FIFO's path appended.</li>
 * </ul>
 */
public final class NotifyFormat {

    /** keepalived's word for a state it has no name for. */
    public static final String UNKNOWN = "{UNKNOWN}";

    private NotifyFormat() {
    }

    /** The state as keepalived writes it to scripts and FIFOs. */
    public static String stateWord(VrrpState state) {
        return switch (state) {
            case MASTER -> "MASTER";
            case BACKUP -> "BACKUP";
            case FAULT -> "FAULT";
            case STOP -> "STOP";
            case DELETED -> "DELETED";
            case INIT -> UNKNOWN;
        };
    }

    /** The argv of the generic {@code notify} script: its own words plus {@code SUBJECT name STATE priority}. */
    public static ScriptCommand genericArgv(ScriptCommand script, NotifySubject subject, String name,
            VrrpState state, int priority) {
        checkPriority(priority);
        return script.withArguments(subject.word(), name, stateWord(state), Integer.toString(priority));
    }

    /** The argv of a FIFO's script: its own words plus the FIFO's path. */
    public static ScriptCommand fifoScriptArgv(ScriptCommand script, Path fifo) {
        return script.withArguments(fifo.toString());
    }

    /** A state line, without its newline: {@code INSTANCE "VI_1" MASTER 100} or {@code GROUP "G1" BACKUP 0}. */
    public static String fifoLine(NotifySubject subject, String name, VrrpState state, int priority) {
        return line(subject.word(), name, stateWord(state), priority);
    }

    /** An event line, without its newline: {@code INSTANCE "VI_1" MASTER_PRIORITY 110}. */
    public static String fifoEventLine(String instance, FifoEvent event, int priority) {
        return line(NotifySubject.INSTANCE.word(), instance, event.name(), priority);
    }

    private static String line(String subject, String name, String what, int priority) {
        checkPriority(priority);
        return subject + " \"" + name + "\" " + what + " " + priority;
    }

    private static void checkPriority(int priority) {
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority outside [0, 255]: " + priority);
        }
    }
}
