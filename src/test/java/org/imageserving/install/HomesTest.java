package org.imageserving.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** home: -Dimageserving.home > IMAGESERVING_HOME > where the code lives; base: -D > env > home. */
class HomesTest {
    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static Path abs(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    @Test
    void theSystemPropertyBeatsTheEnvironment() {
        Homes homes = Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home", "IMAGESERVING_BASE", "/env/base"),
                props("imageserving.home", "/prop/home", "imageserving.base", "/prop/base"));

        assertEquals(abs("/prop/home"), homes.home());
        assertEquals(abs("/prop/base"), homes.base());
    }

    @Test
    void theEnvironmentBeatsTheCodeLocation() {
        Homes homes = Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home", "IMAGESERVING_BASE", "/env/base"),
                new Properties());

        assertEquals(abs("/env/home"), homes.home());
        assertEquals(abs("/env/base"), homes.base());
    }

    @Test
    void baseDefaultsToHome() {
        assertEquals(new Homes(abs("/env/home"), abs("/env/home")),
                Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home"), new Properties()));
        assertEquals(new Homes(abs("/prop/home"), abs("/prop/home")),
                Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home"), props("imageserving.home", "/prop/home")));
    }

    @Test
    void aBaseAloneLeavesHomeToTheNextRule() {
        Homes homes = Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home"), props("imageserving.base", "/b"));

        assertEquals(new Homes(abs("/env/home"), abs("/b")), homes);
    }

    @Test
    void withNothingSetHomeIsThisCheckout() {
        Homes homes = Homes.resolve(Map.of(), new Properties());

        assertTrue(Files.isRegularFile(homes.home().resolve("pom.xml")), homes.toString());
        assertTrue(Files.isDirectory(homes.home().resolve("target/classes")), homes.toString());
        assertEquals(homes.home(), homes.base());
    }

    @Test
    void blankValuesCountAsUnset() {
        Homes homes = Homes.resolve(Map.of("IMAGESERVING_HOME", "/env/home", "IMAGESERVING_BASE", " "),
                props("imageserving.home", "", "imageserving.base", ""));

        assertEquals(new Homes(abs("/env/home"), abs("/env/home")), homes);
    }

    @Test
    void relativePathsAreMadeAbsoluteAndNormalised() {
        Homes homes = Homes.resolve(Map.of(), props("imageserving.home", "a/../b", "imageserving.base", "./c/."));

        assertEquals(Path.of("").toAbsolutePath().resolve("b"), homes.home());
        assertEquals(Path.of("").toAbsolutePath().resolve("c"), homes.base());
        assertTrue(homes.home().isAbsolute());
    }

    @Test
    void findsTheInstallFromAJarInLibOrAProjectsClasses() {
        assertEquals(abs("/opt/imageserving"), Homes.installOf(Path.of("/opt/imageserving/lib/imageserving.jar")));
        assertEquals(abs("/src/imageserving"), Homes.installOf(Path.of("/src/imageserving/target/classes")));
        assertNull(Homes.installOf(Path.of("/home/u/.m2/repository/org/imageserving/imageserving-0.1.jar")));
        assertNull(Homes.installOf(Path.of("/src/imageserving/target/test-classes")));
        assertNull(Homes.installOf(null));
    }

    @Test
    void namesTheDirectoriesUnderHomeAndBase() {
        Homes homes = new Homes(Path.of("/h"), Path.of("/b"));

        assertEquals(abs("/b/conf/SupervisorRegistry.xml"), homes.supervisorRegistry());
        assertEquals(abs("/b/logs"), homes.logs());
        assertEquals(abs("/b/run"), homes.run());
        assertEquals(abs("/b/temp"), homes.temp());
        assertEquals(abs("/h/lib"), homes.lib());
        assertEquals(abs("/h/jmx-templates"), homes.jmxTemplates());
    }
}
