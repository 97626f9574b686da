package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up budget of plain {@code status} ({@link FastPath}, {@link SupervisorClient}, {@link Human}), held
 * by the JVM itself: the real bin/ImageServing status, with its class loading logged, against a real supervisor
 * ({@code ImageServing start} on a scratch instance of three {@code sleep} servers) loads none of picocli (~90 ms),
 * java.util.regex or JNDI, over Jolokia (as shipped) and over JMX/RMI (Jolokia off); over Jolokia it also bootstraps
 * no {@code +} concatenation (~15 ms). The JVM loads the StringConcatFactory class itself at every start, so a
 * concatenation is seen where it costs: its invokedynamic bootstrap ({@code makeConcatWithConstants}), which -Xlog
 * reports too. Over JMX/RMI the JDK's own RMI client and java.util.logging bootstrap it anyway (java.base alone
 * is compiled without), so there the rule is the other three. The last test shows that the check sees a
 * forbidden class when one is loaded.
 *
 * <p>The supervisor's own budget rides along: with Jolokia off it loads none of Jolokia or the JDK's HTTP
 * server (about 300 classes), and with Jolokia on it does.
 */
class ClassBudgetsIT {
    /** How a `+` concatenation shows in {@link #loadedBy}: its bootstrap method, named after its class. */
    private static final String CONCAT_BOOTSTRAP = "java.lang.invoke.StringConcatFactory.makeConcat";
    /** [0.012s][info][class,load] java.lang.Object source: shared objects file (the tags padded once others log) */
    private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load *\\] (\\S+)");
    /** [0.08s][debug][methodhandles,indy] resolve_invokedynamic Bootstrap in a/B indy#13@CP[44] makeConcatWithConstants:(I)… */
    private static final Pattern BOOTSTRAP = Pattern.compile("resolve_invokedynamic Bootstrap in (\\S+) \\S+ ([^:\\s]+):");
    /** Class name prefixes that plain status must not load, and why. */
    private static final List<String> FORBIDDEN = List.of(
            "picocli.", // not archivable (Java 5 bytecode), ~90 ms
            "java.util.regex.", // its start-up is not free: the status path splits and matches by hand
            "javax.naming.", // JNDI: the JMX path asks the RMI registry itself
            CONCAT_BOOTSTRAP); // javac's `+`, bootstrapped on first use: ~15 ms

    /** The supervisor's class loading, in the base. */
    private static final String SUPERVISOR_CLASSES = "supervisor-classes.log";

    @TempDir
    Path base;

    @AfterEach
    void stopEverything() throws InterruptedException {
        new Script(base).run("stop");
        Leftovers.assertNone(base);
    }

    @ParameterizedTest(name = "Jolokia on: {0}")
    @ValueSource(booleans = {true, false})
    void plainStatusLoadsNoForbiddenClass(boolean jolokia) throws IOException {
        start(jolokia);
        for (List<String> args : List.of(List.of("status"), List.of("status", "--json"), List.of("status", "svg"))) {
            List<String> loaded = loadedBy(args);
            assertTrue(loaded.contains("org.imageserving.cli.FastPath"), args + " took the fast path: " + loaded.size());
            List<String> outside = forbidden(loaded).stream()
                    .filter(name -> jolokia || !name.startsWith(CONCAT_BOOTSTRAP)).toList();
            assertEquals(List.of(), outside, args + " loaded classes outside the status budget");
        }
        List<String> jolokiaClasses = loadedIn(base.resolve(SUPERVISOR_CLASSES)).stream()
                .filter(name -> name.startsWith("org.jolokia.") || name.startsWith("sun.net.httpserver.")).toList();
        if (jolokia) {
            assertTrue(jolokiaClasses.size() > 100, "Jolokia on, in the supervisor: " + jolokiaClasses.size());
        } else {
            assertEquals(List.of(), jolokiaClasses, "Jolokia off: the supervisor loads none of it");
        }
    }

    /** The same check on the picocli path finds picocli: it is not vacuous. */
    @Test
    void theCheckSeesAForbiddenClassWhenOneIsLoaded() throws IOException {
        start(true);
        List<String> loaded = loadedBy(List.of("status", "--stacktrace"));
        assertTrue(forbidden(loaded).stream().anyMatch(name -> name.startsWith("picocli.")), forbidden(loaded)::toString);
    }

    private void start(boolean jolokia) throws IOException {
        Path conf = Files.createDirectories(base.resolve("conf"));
        StringBuilder xml = new StringBuilder("<config>\n  <tcpport>").append(Ports.free())
                .append("</tcpport>\n  <jolokiaPort>").append(jolokia ? Ports.free() : 0).append("</jolokiaPort>\n");
        for (String id : List.of("is", "svg", "ps")) {
            xml.append("  <server id=\"").append(id).append("\"><command>sleep</command>")
                    .append("<arguments><argument>100000</argument></arguments><ready><uptime seconds=\"1\"/></ready></server>\n");
        }
        Files.writeString(conf.resolve("SupervisorRegistry.xml"), xml.append("</config>\n"));
        for (String shipped : List.of("logging.properties", "jolokia-access.xml")) {
            Files.copy(Script.HOME.resolve("conf").resolve(shipped), conf.resolve(shipped), StandardCopyOption.REPLACE_EXISTING);
        }
        Script.Result started = new Script(base)
                .env("IMAGESERVING_OPTS", "-Xlog:class+load=info:file=" + base.resolve(SUPERVISOR_CLASSES) + "::filecount=0")
                .run("start");
        assertEquals(0, started.code(), started::toString);
        assertEquals(jolokia, Files.exists(base.resolve("run/jolokia.url")), "Jolokia as configured");
    }

    /**
     * What the CLI JVM loaded for {@code ImageServing <args>}, which must succeed: every class, and for each string
     * concatenation bootstrapped, {@code StringConcatFactory.makeConcatWithConstants in <the class using it>}.
     */
    private List<String> loadedBy(List<String> args) throws IOException {
        Path log = Files.createTempFile(base, "class-load", ".log");
        Script.Result result = new Script(base)
                // one file, never rotated, whatever its size
                .env("IMAGESERVING_CLI_OPTS", "-Xlog:class+load=info,methodhandles+indy=debug:file=" + log + "::filecount=0")
                .run(args.toArray(String[]::new));
        assertEquals(0, result.code(), () -> args + ": " + result);
        return loadedIn(log);
    }

    private static List<String> loadedIn(Path log) throws IOException {
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher classLoad = CLASS_LOAD.matcher(line);
            if (classLoad.find()) {
                loaded.add(classLoad.group(1));
            }
            Matcher bootstrap = BOOTSTRAP.matcher(line);
            if (bootstrap.find() && bootstrap.group(2).startsWith("makeConcat")) {
                loaded.add(CONCAT_BOOTSTRAP + " in " + bootstrap.group(1).replace('/', '.'));
            }
        }
        return loaded;
    }

    private static List<String> forbidden(List<String> loaded) {
        return loaded.stream().filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).toList();
    }
}
