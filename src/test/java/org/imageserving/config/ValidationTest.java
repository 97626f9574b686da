package org.imageserving.config;

import org.imageserving.install.Homes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad value is refused before anything starts, with one line naming where (file:line or the layer),
 * the server, the key, the value and what is allowed.
 */
class ValidationTest {
    private static final String F = "conf/SupervisorRegistry.xml";

    @TempDir
    Path base;

    private static String error(Registry registry) {
        return assertThrows(ConfigException.class, registry::load).getMessage();
    }

    /** Inside {@code <server id="svg"><mainClass>…</mainClass>}; the extra text starts on line 5. */
    static Stream<Arguments> badServerValues() {
        return Stream.of(
                Arguments.of("<stopTimeout>-5</stopTimeout>",
                        F + ":5: server [svg]: stopTimeout [-5] must be >= 0 seconds"),
                Arguments.of("<startDelay>soon</startDelay>",
                        F + ":5: server [svg]: startDelay [soon] must be a number of seconds, such as 30 or 0.5"),
                Arguments.of("<startTimeout>0</startTimeout>",
                        F + ":5: server [svg]: startTimeout [0] must be > 0 seconds"),
                Arguments.of("<startPriority>high</startPriority>",
                        F + ":5: server [svg]: startPriority [high] must be a whole number"),
                Arguments.of("<startPriority>1.5</startPriority>",
                        F + ":5: server [svg]: startPriority [1.5] must be a whole number"),
                Arguments.of("<heap>256 MB</heap>",
                        F + ":5: server [svg]: heap [256 MB] must be a JVM heap size such as 256m or 2g"
                                + " (digits, then optionally k, m, g or t)"),
                Arguments.of("<heap>0m</heap>",
                        F + ":5: server [svg]: heap [0m] must be a JVM heap size such as 256m or 2g"
                                + " (digits, then optionally k, m, g or t)"),
                Arguments.of("<user>nobody; rm -rf /</user>",
                        F + ":5: server [svg]: user [nobody; rm -rf /] must be a user or group name (letters, digits,"
                                + " '.', '_', '-'; at most 32) or a numeric id, such as imageserving"),
                Arguments.of("<user>-nobody</user>",
                        F + ":5: server [svg]: user [-nobody] must be a user or group name (letters, digits,"
                                + " '.', '_', '-'; at most 32) or a numeric id, such as imageserving"),
                Arguments.of("<group>nogroup</group>",
                        F + ":5: server [svg]: group [nogroup] applies only with a <user>; add the user the server"
                                + " runs as"),
                Arguments.of("<restart policy=\"sometimes\"/>",
                        F + ":5: server [svg]: restart.policy [sometimes] must be one of always, unexpected, never"),
                Arguments.of("<restart exitCodes=\"0,x\"/>",
                        F + ":5: server [svg]: restart.exitCodes [0,x] must be whole numbers separated by commas,"
                                + " such as 0,2"),
                Arguments.of("<restart maxRetries=\"-1\"/>",
                        F + ":5: server [svg]: restart.maxRetries [-1] must be >= 0"),
                Arguments.of("<restart backoffInitial=\"10\" backoffMax=\"5\"/>",
                        F + ":5: server [svg]: restart.backoffMax [5] must be >= restart.backoffInitial [10]"),
                Arguments.of("<ready><tcp port=\"1\"/></ready><health failures=\"0\"/>",
                        F + ":5: server [svg]: health.failures [0] must be >= 1"),
                Arguments.of("<health interval=\"-1\"/>",
                        F + ":5: server [svg]: health.interval [-1] must be >= 0 seconds"),
                Arguments.of("<health timeout=\"0\"/>",
                        F + ":5: server [svg]: health.timeout [0] must be > 0 seconds"),
                Arguments.of("<ready><tcp port=\"70000\"/></ready>",
                        F + ":5: server [svg]: ready.tcp.port [70000] must be a port number 1-65535"),
                Arguments.of("<ready><tcp port=\"0\"/></ready>",
                        F + ":5: server [svg]: ready.tcp.port [0] must be a port number 1-65535"),
                Arguments.of("<ready><tcp port=\"80\" host=\" \"/></ready>",
                        F + ":5: server [svg]: ready.tcp.host [ ] must be a host name or address, such as 127.0.0.1"),
                Arguments.of("<ready><http url=\"ftp://127.0.0.1/health\"/></ready>",
                        F + ":5: server [svg]: ready.http.url [ftp://127.0.0.1/health] must be an http:// URL with a"
                                + " host, such as http://127.0.0.1:8080/health"),
                Arguments.of("<ready><http url=\"http//127.0.0.1:80/health\"/></ready>",
                        F + ":5: server [svg]: ready.http.url [http//127.0.0.1:80/health] must be an http:// URL"
                                + " with a host, such as http://127.0.0.1:8080/health"),
                Arguments.of("<ready><http url=\"http://127.0.0.1:80/a b\"/></ready>",
                        F + ":5: server [svg]: ready.http.url [http://127.0.0.1:80/a b] must be an http:// URL"
                                + " with a host, such as http://127.0.0.1:8080/health (Illegal character in path)"),
                Arguments.of("<ready><uptime seconds=\"60\"/></ready>",
                        F + ":5: server [svg]: ready.uptime.seconds [60] must be shorter than startTimeout [60],"
                                + " or the server can never become ready"),
                Arguments.of("<ready><tcp port=\"1\"/><http url=\"http://127.0.0.1:1/\"/></ready>",
                        F + ":5: server [svg]: <ready> holds more than one probe (<tcp> and <http>); keep exactly"
                                + " one of <tcp port=\"…\"/>, <http url=\"…\"/>, <uptime seconds=\"…\"/>"),
                Arguments.of("<ready/>",
                        F + ":5: server [svg]: <ready> is empty; put exactly one of <tcp port=\"…\"/>,"
                                + " <http url=\"…\"/>, <uptime seconds=\"…\"/> inside"),
                Arguments.of("<ready><udp port=\"1\"/></ready>",
                        F + ":5: server [svg]: unknown element <udp> in <ready>; did you mean <tcp>?"
                                + " allowed: tcp, http, uptime"),
                Arguments.of("<ready><tcp host=\"localhost\"/></ready>",
                        F + ":5: server [svg]: <tcp> needs a port attribute"),
                Arguments.of("<stoptimeout>5</stoptimeout>",
                        F + ":5: server [svg]: unknown element <stoptimeout> in <server>; did you mean <stopTimeout>?"
                                + " allowed: description, mainClass, heap, jvmArguments, command, arguments,"
                                + " workingDirectory, environment, startPriority, startDelay, startTimeout,"
                                + " stopTimeout, handover, ready, health, restart, user, group"),
                Arguments.of("<health intervall=\"5\"/>",
                        F + ":5: server [svg]: unknown attribute [intervall] on <health>; did you mean [interval]?"
                                + " allowed: interval, timeout, failures"),
                Arguments.of("<stopTimeout unit=\"ms\">5</stopTimeout>",
                        F + ":5: server [svg]: unknown attribute [unit] on <stopTimeout>; <stopTimeout> takes no"
                                + " attributes"),
                Arguments.of("<stopTimeout>5</stopTimeout>\n<stopTimeout>6</stopTimeout>",
                        F + ":6: server [svg]: <stopTimeout> appears twice (first at line 5); keep one"),
                Arguments.of("<arguments>--port</arguments>",
                        F + ":5: server [svg]: unexpected text [--port] in <arguments>; values belong in its child"
                                + " elements"),
                Arguments.of("<arguments><arg>--port</arg></arguments>",
                        F + ":5: server [svg]: unknown element <arg> in <arguments>; allowed: argument"),
                Arguments.of("<stopTimeout><seconds>5</seconds></stopTimeout>",
                        F + ":5: server [svg]: <stopTimeout> holds a value, not elements (found <seconds>)"),
                Arguments.of("<command>/bin/true</command>",
                        F + ":3: server [svg]: has both <mainClass> and <command>; keep one (mainClass: a Java"
                                + " class on the project's classpath, command: any executable)"),
                Arguments.of("<environment><variable name=\"A\">1</variable>\n<variable name=\"A\">2</variable>"
                                + "</environment>",
                        F + ":6: server [svg]: environment variable [A] is set twice (first at " + F + ":5); keep one"),
                Arguments.of("<environment><variable name=\"A=B\">1</variable></environment>",
                        F + ":5: server [svg]: environment variable name [A=B] must be non-empty and must not"
                                + " contain '='"),
                Arguments.of("<environment><variable>1</variable></environment>",
                        F + ":5: server [svg]: <variable> needs a name attribute"),
                Arguments.of("<arguments><argument>${imageserving.hom}/x</argument></arguments>",
                        F + ":5: server [svg]: argument [${imageserving.hom}/x] uses the unknown placeholder"
                                + " ${imageserving.hom}; allowed: ${imageserving.home}, ${imageserving.base}"),
                Arguments.of("<workingDirectory>nowhere</workingDirectory>",
                        F + ":5: server [svg]: workingDirectory [nowhere] is not a directory (%BASE%/nowhere);"
                                + " create it or fix the path"));
    }

    @ParameterizedTest
    @MethodSource("badServerValues")
    void refusesABadServerValue(String extra, String expected) {
        String message = error(Registry.server(base, extra));

        assertEquals(expected.replace("%BASE%", base.toAbsolutePath().normalize().toString()), message);
    }

    @Test
    void saysWhereItLookedForAMissingFile() {
        Registry registry = Registry.of(base, "<config/>");
        Path file = base.resolve("conf/SupervisorRegistry.xml").toAbsolutePath().normalize();
        assertEquals(true, file.toFile().delete());

        assertEquals(F + ": not found (looked for " + file + "); restore it from the distribution, or point"
                + " IMAGESERVING_BASE (-Dimageserving.base) at an instance directory that has one", error(registry));
    }

    @Test
    void offersTheInstallsCopyWhenABaseHasNone(@TempDir Path home) throws Exception {
        Registry.of(home, "<config/>");
        Homes homes = new Homes(home, base);

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(homes, java.util.Map.of(), new java.util.Properties(), java.util.Map.of()));

        assertEquals(F + ": not found (looked for " + homes.supervisorRegistry() + "); copy "
                + home.resolve(F).toAbsolutePath().normalize() + " there, or point IMAGESERVING_BASE at an instance"
                + " that has one", e.getMessage());
    }

    @Test
    void reportsMalformedXmlWithItsLine() {
        Registry registry = Registry.of(base, "<config>\n  <server id=\"svg\">\n</config>\n");

        assertEquals(F + ":3: not well-formed XML: The element type \"server\" must be terminated by the matching"
                + " end-tag \"</server>\".", error(registry));
    }

    @Test
    void refusesADoctypeSoNoExternalEntityIsEverRead() throws Exception {
        Path secret = base.resolve("secret.txt");
        java.nio.file.Files.writeString(secret, "9911");
        Registry registry = Registry.of(base, "<?xml version=\"1.0\"?>\n<!DOCTYPE config [ <!ENTITY port SYSTEM \""
                + secret.toUri() + "\"> ]>\n<config><tcpport>&port;</tcpport></config>\n");

        assertEquals(F + ":2: DOCTYPE declarations are not allowed; remove the <!DOCTYPE …> line", error(registry));
    }

    @Test
    void refusesAnotherRootElement() {
        assertEquals(F + ":1: the root element must be <config>, not <registry>",
                error(Registry.of(base, "<registry/>")));
    }

    /** A whole {@code <config>} body (its first line is line 3) and the one line that refuses it. */
    static Stream<Arguments> badConfigs() {
        return Stream.of(
                argumentSet("the right spelling of a top-level element", "<tcpPort>9910</tcpPort>",
                        F + ":3: unknown element <tcpPort> in <config>; did you mean <tcpport>? allowed: tcpport,"
                                + " jolokiaPort, server"),
                argumentSet("tcpport out of range", "<tcpport>65536</tcpport>",
                        F + ":3: tcpport [65536] must be a port number 0-65535"),
                argumentSet("jolokiaPort out of range", "<jolokiaPort>-1</jolokiaPort>",
                        F + ":3: jolokiaPort [-1] must be a port number 0-65535"),
                argumentSet("a duplicate id", "<server id=\"a\"><command>a</command></server>\n"
                                + "<server id=\"a\"><command>b</command></server>",
                        F + ":4: server [a]: declared twice (first at " + F + ":3); give each server its own id"),
                argumentSet("a bad id", "<server id=\"Svg\"><command>a</command></server>",
                        F + ":3: server id [Svg] must match [a-z][a-z0-9-]* (a lower-case letter, then lower-case"
                                + " letters, digits or '-')"),
                argumentSet("a missing id", "<server><command>a</command></server>",
                        F + ":3: <server> needs an id attribute, such as <server id=\"svg\">"),
                argumentSet("an unknown server attribute", "<server id=\"a\" name=\"x\"><command>a</command></server>",
                        F + ":3: server [a]: unknown attribute [name] on <server>; allowed: id"),
                argumentSet("no way to launch", "<server id=\"a\"/>",
                        F + ":3: server [a]: needs <mainClass> (a Java class on the project's classpath) or <command>"
                                + " (any executable)"),
                argumentSet("a heap for a command", "<server id=\"a\"><command>a</command><heap>1g</heap></server>",
                        F + ":3: server [a]: heap [1g] applies only to a <mainClass> server; put the heap option in"
                                + " the command's arguments"),
                argumentSet("JVM arguments for a command", "<server id=\"a\"><command>a</command>"
                                + "<jvmArguments><argument>-Xss1m</argument></jvmArguments></server>",
                        F + ":3: server [a]: <jvmArguments> applies only to a <mainClass> server; put them in"
                                + " <arguments>"),
                argumentSet("a bad main class", "<server id=\"a\"><mainClass>org.example.</mainClass></server>",
                        F + ":3: server [a]: mainClass [org.example.] must be a fully qualified Java class name, such"
                                + " as org.example.Main"),
                argumentSet("a blank command", "<server id=\"a\"><command> </command></server>",
                        F + ":3: server [a]: command [] must name an executable"),
                argumentSet("a command that is no executable", "<server id=\"a\"><command>/no/such/tool</command></server>",
                        F + ":3: server [a]: command [/no/such/tool] is not an executable file; fix the path or make"
                                + " it executable"),
                argumentSet("two servers on one port", """
                                <server id="a"><command>a</command><ready><tcp port="4000"/></ready></server>
                                <server id="b"><command>b</command><ready><http url="http://127.0.0.1:4000/health"/></ready></server>""",
                        F + ":4: server [b]: ready.http.url [http://127.0.0.1:4000/health] uses port 4000, which is"
                                + " already taken by server [a] (" + F + ":3); give each its own port"),
                argumentSet("a server on the supervisor's default port",
                        "<server id=\"a\"><command>a</command><ready><tcp port=\"9910\"/></ready></server>",
                        F + ":3: server [a]: ready.tcp.port [9910] is already taken by tcpport (built-in default);"
                                + " give each its own port"),
                argumentSet("a server on the supervisor's written port",
                        "<server id=\"a\"><command>a</command><ready><http url=\"http://localhost/\"/>"
                                + "</ready></server>\n<jolokiaPort>80</jolokiaPort>",
                        F + ":3: server [a]: ready.http.url [http://localhost/] uses port 80, which is already taken"
                                + " by jolokiaPort (" + F + ":4); give each its own port"),
                argumentSet("the written value when the supervisor's ports clash", "<tcpport>8778</tcpport>",
                        F + ":3: tcpport [8778] is already taken by jolokiaPort (built-in default); give each its own"
                                + " port"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void refusesABadConfig(String body, String expected) {
        assertEquals(expected, error(Registry.config(base, body)));
    }

    @Test
    void portZeroNeverClashes() throws Exception {
        Registry registry = Registry.config(base, "<tcpport>0</tcpport><jolokiaPort>0</jolokiaPort>");

        assertEquals(0, registry.load().tcpPort());
        assertEquals(0, registry.load().jolokiaPort());
    }

    /** One setting in a layer over a file that declares only svg; the line names the layer it came from. */
    static Stream<Arguments> badLayers() {
        return Stream.of(
                setting("IMAGESERVING_SERVER_SVG_STOPTIMEOUT=abc",
                        "IMAGESERVING_SERVER_SVG_STOPTIMEOUT: server [svg]: stopTimeout [abc] must be a number of"
                                + " seconds, such as 30 or 0.5"),
                setting("-Dimageserving.tcpport=http",
                        "-Dimageserving.tcpport: tcpport [http] must be a port number 0-65535"),
                setting("--server.svg.heap=lots",
                        "flag server.svg.heap: server [svg]: heap [lots] must be a JVM heap size such as 256m or 2g"
                                + " (digits, then optionally k, m, g or t)"),
                setting("IMAGESERVING_SERVER_SVG_STOPTIMOUT=5",
                        "IMAGESERVING_SERVER_SVG_STOPTIMOUT: server [svg]: unknown key [STOPTIMOUT]; did you mean"
                                + " STOPTIMEOUT? allowed: DESCRIPTION, HEAP, WORKINGDIRECTORY, STARTPRIORITY, STARTDELAY,"
                                + " STARTTIMEOUT, STOPTIMEOUT, HANDOVER, HEALTH_INTERVAL, HEALTH_TIMEOUT, HEALTH_FAILURES,"
                                + " RESTART_POLICY, RESTART_EXITCODES, RESTART_MAXRETRIES, RESTART_BACKOFFINITIAL,"
                                + " RESTART_BACKOFFMAX, RESTART_STABLEAFTER, USER, GROUP"),
                setting("-Dimageserving.server.svg.stoptimeout=5",
                        "-Dimageserving.server.svg.stoptimeout: server [svg]: unknown key [stoptimeout]; did you mean"
                                + " stopTimeout? allowed: description, heap, workingDirectory, startPriority, startDelay,"
                                + " startTimeout, stopTimeout, handover, health.interval, health.timeout, health.failures,"
                                + " restart.policy, restart.exitCodes, restart.maxRetries, restart.backoffInitial,"
                                + " restart.backoffMax, restart.stableAfter, user, group"),
                setting("--tcpPort=1",
                        "flag tcpPort: unknown key [tcpPort]; did you mean tcpport? allowed: tcpport, jolokiaPort,"
                                + " server.<id>.<key>"),
                setting("IMAGESERVING_SERVER_PS_STOPTIMEOUT=5",
                        "IMAGESERVING_SERVER_PS_STOPTIMEOUT: no server declared in " + F + " matches; declared: svg"),
                setting("--server.ps.stopTimeout=5",
                        "flag server.ps.stopTimeout: no server [ps] is declared in " + F + "; declared: svg"),
                setting("-Dimageserving.server.svg.arguments=--port 1",
                        "-Dimageserving.server.svg.arguments: server [svg]: arguments can only be set in " + F),
                setting("IMAGESERVING_SERVER_SVG_MAINCLASS=x.Y",
                        "IMAGESERVING_SERVER_SVG_MAINCLASS: server [svg]: MAINCLASS can only be set in " + F));
    }

    /** A case named by its setting. */
    private static Arguments setting(String setting, String expected) {
        return Arguments.argumentSet(setting, setting, expected);
    }

    @ParameterizedTest
    @MethodSource("badLayers")
    void refusesABadLayeredSetting(String setting, String expected) {
        assertEquals(expected, error(Registry.server(base, "").set(setting)));
    }
}
