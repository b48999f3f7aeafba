package org.calpe.vrrp.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

class NotifyFormatTest {

    @Test
    void genericNotifyAppendsSubjectNameStateAndPriority() {
        ScriptCommand base = ScriptCommand.parse("/etc/keepalived/notify.sh 'two words'");
        assertEquals(List.of("/etc/keepalived/notify.sh", "two words", "INSTANCE", "VI_1", "MASTER", "100"),
                NotifyFormat.genericArgv(base, NotifySubject.INSTANCE, "VI_1", VrrpState.MASTER, 100).argv());
        assertEquals(List.of("/etc/keepalived/notify.sh", "two words", "GROUP", "G1", "STOP", "0"),
                NotifyFormat.genericArgv(base, NotifySubject.GROUP, "G1", VrrpState.STOP, 0).argv());
    }

    @Test
    void everyStateHasKeepalivedsWord() {
        assertEquals("MASTER", NotifyFormat.stateWord(VrrpState.MASTER));
        assertEquals("BACKUP", NotifyFormat.stateWord(VrrpState.BACKUP));
        assertEquals("FAULT", NotifyFormat.stateWord(VrrpState.FAULT));
        assertEquals("STOP", NotifyFormat.stateWord(VrrpState.STOP));
        assertEquals("DELETED", NotifyFormat.stateWord(VrrpState.DELETED));
        assertEquals("{UNKNOWN}", NotifyFormat.stateWord(VrrpState.INIT));
    }

    @Test
    void fifoLinesQuoteTheNameOnly() {
        assertEquals("INSTANCE \"VI_1\" BACKUP 100",
                NotifyFormat.fifoLine(NotifySubject.INSTANCE, "VI_1", VrrpState.BACKUP, 100));
        assertEquals("GROUP \"G1\" FAULT 0", NotifyFormat.fifoLine(NotifySubject.GROUP, "G1", VrrpState.FAULT, 0));
        assertEquals("INSTANCE \"VI_1\" MASTER_PRIORITY 110",
                NotifyFormat.fifoEventLine("VI_1", FifoEvent.MASTER_PRIORITY, 110));
        assertEquals("INSTANCE \"VI_9\" MASTER_RX_LOWER_PRI 255",
                NotifyFormat.fifoEventLine("VI_9", FifoEvent.MASTER_RX_LOWER_PRI, 255));
    }

    @Test
    void fifoScriptGetsThePathLast() {
        assertEquals(List.of("/bin/reader", "vrrp", "/run/k.fifo"),
                NotifyFormat.fifoScriptArgv(ScriptCommand.parse("/bin/reader vrrp"), Path.of("/run/k.fifo")).argv());
    }

    @Test
    void priorityMustBeAByte() {
        ScriptCommand base = ScriptCommand.of("/bin/n");
        assertThrows(IllegalArgumentException.class,
                () -> NotifyFormat.genericArgv(base, NotifySubject.INSTANCE, "VI_1", VrrpState.MASTER, 256));
        assertThrows(IllegalArgumentException.class,
                () -> NotifyFormat.fifoLine(NotifySubject.INSTANCE, "VI_1", VrrpState.MASTER, -1));
    }
}
