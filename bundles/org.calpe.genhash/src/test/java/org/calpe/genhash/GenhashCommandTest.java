package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;

class GenhashCommandTest {
    @Test
    void printsOnTheCallersStreams() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            new GenhashCommand().genhash("-s", "127.0.0.1", "-p", "0", "-u", "/");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("invalid port number '0'\n" + GenhashArguments.usage("genhash"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void describedForGogo() throws Exception {
        Method m = GenhashCommand.class.getMethod("genhash", String[].class);
        assertTrue(m.getAnnotation(Descriptor.class).value().contains("genhash"));
        assertTrue(m.isVarArgs());
    }
}
