package org.calpe.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void formatsLikeCPrintfG() {
        assertEquals("0", JsonWriter.g(0));
        assertEquals("1", JsonWriter.g(1));
        assertEquals("5", JsonWriter.g(5));
        assertEquals("0.5", JsonWriter.g(0.5));
        assertEquals("0.01", JsonWriter.g(0.01));
        assertEquals("255", JsonWriter.g(255));
        assertEquals("1.23457", JsonWriter.g(1.234567));
        assertEquals("0.0001", JsonWriter.g(0.0001));
        assertEquals("1e-05", JsonWriter.g(0.00001));
        assertEquals("1.5e+06", JsonWriter.g(1500000));
        assertEquals("1.000000", JsonWriter.f(1));
    }

    @Test
    void nestsAndEscapes() {
        String json = new JsonWriter().beginArray().beginObject().field("a", "x/y\"z\\\n\u0001")
                .name("b").beginArray().value(1).value(true).endArray().field("c", false).endObject()
                .beginObject().endObject().endArray().toString();
        assertEquals("[{\"a\":\"x\\/y\\\"z\\\\\\n\\u0001\",\"b\":[1,true],\"c\":false},{}]", json);
    }
}
