package org.imageserving.config;

import org.imageserving.install.Homes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.imageserving.config.DeclaredServer.Probe;

/**
 * Reads {@code $IMAGESERVING_BASE/conf/SupervisorRegistry.xml} and layers it. Precedence, lowest first:
 * <ol>
 *   <li>built-in defaults ({@link ServerKey}, {@link GlobalKey}, the constants on {@link ServerSpec})</li>
 *   <li>the conf file</li>
 *   <li>{@code IMAGESERVING_*} environment variables, e.g. {@code IMAGESERVING_SERVER_SVG_STOPTIMEOUT}</li>
 *   <li>{@code imageserving.*} system properties, e.g. {@code -Dimageserving.server.svg.stopTimeout=10}</li>
 *   <li>flags: the bare key, e.g. {@code server.svg.stopTimeout}</li>
 * </ol>
 * Everything is checked before anything is returned, so a bad value starts nothing; each problem is one
 * {@link ConfigException} line naming the file and line (or the layer), the server, key, value and the fix.
 */
public final class ConfigLoader {
    /** The conf file as errors name it: relative to base. */
    public static final String REGISTRY = "conf/SupervisorRegistry.xml";

    private ConfigLoader() {}

    /** {@link #load(Homes, Map, Properties, Map)} with this process's environment and system properties. */
    public static SupervisorConfig load(Homes homes, Map<String, String> flags) throws ConfigException {
        return load(homes, System.getenv(), System.getProperties(), flags);
    }

    public static SupervisorConfig load(Homes homes, Map<String, String> env, Properties sysProps,
            Map<String, String> flags) throws ConfigException {
        Path file = homes.supervisorRegistry();
        if (!Files.isRegularFile(file)) {
            throw missing(homes, file);
        }
        RegistryReader.Declared declared = RegistryReader.read(RegistryXml.parse(file, REGISTRY), REGISTRY);
        List<String> ids = declared.servers().stream().map(DeclaredServer::id).toList();
        Map<String, Setting> settings = new Layers(REGISTRY, ids).apply(declared.settings(), env, sysProps, flags);

        SpecBuilder builder = new SpecBuilder(homes, settings);
        PortCheck ports = new PortCheck();
        Setting tcpPort = builder.setting(GlobalKey.TCP_PORT);
        Setting jolokiaPort = builder.setting(GlobalKey.JOLOKIA_PORT);
        int tcp = Values.port(tcpPort, 0);
        int jolokia = Values.port(jolokiaPort, 0);
        ports.claim("tcpport", tcp, tcpPort);
        ports.claim("jolokiaPort", jolokia, jolokiaPort);

        List<ServerSpec> servers = new ArrayList<>();
        for (DeclaredServer server : declared.servers()) {
            ServerSpec spec = builder.build(server);
            Probe probe = server.ready();
            if (probe != null && !probe.kind().equals("uptime")) {
                Setting where = probe.attributes().get(probe.kind().equals("tcp") ? "port" : "url");
                ports.claim("server [" + spec.id() + "]", SpecBuilder.portOf(spec.readiness()), where);
            }
            servers.add(spec);
        }
        servers.sort(Comparator.comparingInt(ServerSpec::startPriority)); // stable: file order within a priority
        return new SupervisorConfig(homes, tcp, jolokia, servers);
    }

    /** Every key the layers accept, for help texts: tcpport, jolokiaPort, server.&lt;id&gt;.startPriority … */
    public static List<String> layeredKeys() {
        List<String> keys = new ArrayList<>(GlobalKey.keys());
        ServerKey.keys().forEach(k -> keys.add("server.<id>." + k));
        return keys;
    }

    /** The environment variable that carries a key: server.svg.stopTimeout -&gt; IMAGESERVING_SERVER_SVG_STOPTIMEOUT. */
    public static String environmentVariable(String key) {
        return Layers.envName(key);
    }

    private static ConfigException missing(Homes homes, Path file) {
        Path shipped = homes.home().resolve(REGISTRY);
        boolean separateBase = !homes.base().equals(homes.home()) && Files.isRegularFile(shipped);
        String fix = separateBase
                ? "copy " + shipped + " there, or point IMAGESERVING_BASE at an instance that has one"
                : "restore it from the distribution, or point IMAGESERVING_BASE (-Dimageserving.base) at an"
                        + " instance directory that has one";
        return Origin.file(REGISTRY, 0).error("not found (looked for " + file + "); " + fix);
    }
}
