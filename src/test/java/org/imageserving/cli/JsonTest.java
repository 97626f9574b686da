package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesObjectsArraysAndEscapedStrings() {
        String json = new Json().beginObject()
                .field("State", "RUNNING")
                .field("Pid", 1234L)
                .field("RestartCount", 0)
                .field("ServerNames", new String[] {"is", "svg"})
                .field("LastError", "said \"no\"\\\n\t\u0001")
                .field("Missing", null)
                .name("nested").beginObject().field("a", true).endObject()
                .endObject().toString();
        assertEquals("{\"State\":\"RUNNING\",\"Pid\":1234,\"RestartCount\":0,\"ServerNames\":[\"is\",\"svg\"],"
                + "\"LastError\":\"said \\\"no\\\"\\\\\\n\\t\\u0001\",\"Missing\":null,\"nested\":{\"a\":true}}", json);
    }
}
