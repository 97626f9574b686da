package org.imageserving.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render engine's settings in conf/ImageServerRegistry.xml. */
class EngineSettingsTest {

    @TempDir
    Path dir;

    private Path registry(String body) throws Exception {
        Path file = dir.resolve("ImageServerRegistry.xml");
        Files.writeString(file, "<imageserverregistry><RootPath>./images</RootPath>" + body + "</imageserverregistry>");
        return file;
    }

    @Test
    void defaultsKeepLibvipsSmall() throws Exception {
        assertEquals(new EngineSettings("auto", 1, 0, 16, 0), EngineSettings.read(registry("")));
        assertEquals(EngineSettings.defaults(), EngineSettings.read(Path.of("conf", "ImageServerRegistry.xml")),
                "the shipped file says what the defaults are");
    }

    @Test
    void readsEveryKey() throws Exception {
        EngineSettings s = EngineSettings.read(registry("<RenderEngine> Java </RenderEngine><VipsConcurrency>2</VipsConcurrency>"
                + "<VipsCacheMaxOperations>50</VipsCacheMaxOperations><VipsCacheMaxMemory>64</VipsCacheMaxMemory>"
                + "<VipsCacheMaxFiles>10</VipsCacheMaxFiles>"));
        assertEquals(new EngineSettings("java", 2, 50, 64, 10), s);
    }

    @Test
    void badValuesAreOneLineErrors() throws Exception {
        UsageException engine = assertThrows(UsageException.class, () -> EngineSettings.read(registry("<RenderEngine>gpu</RenderEngine>")));
        assertTrue(engine.getMessage().contains("must be auto, vips or java"), engine.getMessage());
        UsageException threads = assertThrows(UsageException.class, () -> EngineSettings.read(registry("<VipsConcurrency>0</VipsConcurrency>")));
        assertTrue(threads.getMessage().contains("VipsConcurrency"), threads.getMessage());
    }
}
