package org.calpe.exec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    @TempDir
    Path dir;

    private Accounts accounts() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nkeepalived_script:x:998:997::/:/usr/sbin/nologin\nbroken:x:abc:1::/:\n");
        Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nnogroup:x:65534:\nstaff:x:50:a,b\n");
        return new Accounts(passwd, group);
    }

    @Test
    void looksUpUsersAndGroupsByName() throws IOException {
        Accounts a = accounts();
        assertEquals(Optional.of(new Accounts.Ids(998, 997)), a.user("keepalived_script"));
        assertEquals(Optional.of(new Accounts.Ids(0, 65534)), a.resolve("root", "nogroup"));
        assertEquals(50, a.group("staff").getAsInt());
    }

    @Test
    void unknownNamesNumbersAndBrokenLinesDoNotResolve() throws IOException {
        Accounts a = accounts();
        assertTrue(a.user("nosuchuser").isEmpty());
        assertTrue(a.user("0").isEmpty(), "keepalived looks up names only");
        assertTrue(a.user("broken").isEmpty());
        assertTrue(a.resolve("root", "nosuchgroup").isEmpty());
        assertTrue(new Accounts(dir.resolve("none"), dir.resolve("none")).user("root").isEmpty());
    }
}
