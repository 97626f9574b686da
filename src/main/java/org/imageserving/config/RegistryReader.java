package org.imageserving.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.imageserving.config.DeclaredServer.Probe;

/**
 * Checks the conf file's vocabulary and shape (which element may hold which, once or many times, which
 * attributes) and collects what it declares. Values are checked later, after the layers, so that an error
 * names the layer a value finally came from.
 */
final class RegistryReader {
    static final Pattern SERVER_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final List<String> CONFIG_CHILDREN = List.of("tcpport", "jolokiaPort", "server");
    private static final List<String> SERVER_CHILDREN = List.of("description", "mainClass", "heap", "jvmArguments",
            "command", "arguments", "workingDirectory", "environment", "startPriority", "startDelay",
            "startTimeout", "stopTimeout", "handover", "ready", "health", "restart", "user", "group");
    private static final List<String> PROBE_KINDS = List.of("tcp", "http", "uptime");
    private static final Map<String, List<String>> PROBE_ATTRIBUTES = Map.of(
            "tcp", List.of("port", "host"), "http", List.of("url"), "uptime", List.of("seconds"));

    /** What the file declares: servers in file order, and its single values keyed as the layers key them. */
    record Declared(List<DeclaredServer> servers, Map<String, Setting> settings) {}

    private final String file;
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    private RegistryReader(String file) {
        this.file = file;
    }

    static Declared read(XmlElement root, String file) throws ConfigException {
        return new RegistryReader(file).config(root);
    }

    private Declared config(XmlElement root) throws ConfigException {
        Shape shape = new Shape(file, null);
        if (!root.name().equals("config")) {
            throw origin(root).error("the root element must be <config>, not <" + root.name() + ">");
        }
        shape.attributes(root, List.of());
        shape.noText(root);
        Map<String, DeclaredServer> servers = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (XmlElement child : root.children()) {
            shape.allowed(child, "config", CONFIG_CHILDREN);
            if (child.name().equals("server")) {
                DeclaredServer server = server(child);
                DeclaredServer first = servers.putIfAbsent(server.id(), server);
                if (first != null) {
                    throw server.origin().error(server.id(), "declared twice (first at " + first.origin()
                            + "); give each server its own id");
                }
                continue;
            }
            shape.once(child, seen);
            shape.value(child);
            settings.put(child.name(), new Setting(null, child.name(), child.text(), origin(child)));
        }
        return new Declared(List.copyOf(servers.values()), settings);
    }

    private DeclaredServer server(XmlElement element) throws ConfigException {
        String id = element.attributes().get("id");
        if (id == null) {
            throw origin(element).error("<server> needs an id attribute, such as <server id=\"svg\">");
        }
        if (!SERVER_ID.matcher(id).matches()) {
            throw origin(element).error("server id [" + id + "] must match " + SERVER_ID.pattern()
                    + " (a lower-case letter, then lower-case letters, digits or '-')");
        }
        Shape shape = new Shape(file, id);
        shape.attributes(element, List.of("id"));
        shape.noText(element);
        Map<String, Integer> seen = new HashMap<>();
        Setting mainClass = null;
        Setting command = null;
        List<Setting> jvmArguments = List.of();
        Origin jvmArgumentsOrigin = null;
        List<Setting> arguments = List.of();
        Map<String, Setting> environment = Map.of();
        Probe ready = null;
        for (XmlElement child : element.children()) {
            shape.allowed(child, "server", SERVER_CHILDREN);
            shape.once(child, seen);
            switch (child.name()) {
                case "mainClass" -> mainClass = value(shape, child, id);
                case "command" -> command = value(shape, child, id);
                case "jvmArguments" -> {
                    jvmArguments = arguments(shape, child, id);
                    jvmArgumentsOrigin = origin(child);
                }
                case "arguments" -> arguments = arguments(shape, child, id);
                case "environment" -> environment = environment(shape, child, id);
                case "ready" -> ready = ready(shape, child, id);
                case "health", "restart" -> attributeSettings(shape, child, id);
                default -> {
                    Setting setting = value(shape, child, id);
                    settings.put(setting.fullKey(), setting);
                }
            }
        }
        return new DeclaredServer(id, origin(element), mainClass, command, jvmArguments, jvmArgumentsOrigin,
                arguments, environment, ready);
    }

    private Setting value(Shape shape, XmlElement element, String id) throws ConfigException {
        shape.value(element);
        return new Setting(id, element.name(), element.text(), origin(element));
    }

    /** {@code <health …/>} and {@code <restart …/>}: each attribute is a key such as health.interval. */
    private void attributeSettings(Shape shape, XmlElement element, String id) throws ConfigException {
        List<String> allowed = ServerKey.keys().stream()
                .filter(k -> k.startsWith(element.name() + "."))
                .map(k -> k.substring(element.name().length() + 1))
                .toList();
        shape.empty(element, allowed);
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            String key = element.name() + "." + attribute.getKey();
            settings.put(Setting.fullKey(id, key), new Setting(id, key, attribute.getValue(), origin(element)));
        }
    }

    private List<Setting> arguments(Shape shape, XmlElement element, String id) throws ConfigException {
        shape.attributes(element, List.of());
        shape.noText(element);
        List<Setting> arguments = new ArrayList<>();
        for (XmlElement argument : element.children()) {
            shape.allowed(argument, element.name(), List.of("argument"));
            shape.value(argument);
            arguments.add(new Setting(id, "argument", argument.text(), origin(argument)));
        }
        return arguments;
    }

    private Map<String, Setting> environment(Shape shape, XmlElement element, String id) throws ConfigException {
        shape.attributes(element, List.of());
        shape.noText(element);
        Map<String, Setting> variables = new LinkedHashMap<>();
        for (XmlElement variable : element.children()) {
            shape.allowed(variable, "environment", List.of("variable"));
            shape.attributes(variable, List.of("name"));
            shape.noChildren(variable);
            String name = shape.required(variable, "name");
            if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0) {
                throw origin(variable).error(id, "environment variable name [" + name
                        + "] must be non-empty and must not contain '='");
            }
            Setting value = new Setting(id, "variable " + name, variable.text(), origin(variable));
            Setting first = variables.putIfAbsent(name, value);
            if (first != null) {
                throw value.origin().error(id, "environment variable [" + name + "] is set twice (first at "
                        + first.origin() + "); keep one");
            }
        }
        return variables;
    }

    private Probe ready(Shape shape, XmlElement element, String id) throws ConfigException {
        shape.attributes(element, List.of());
        shape.noText(element);
        String expected = "exactly one of <tcp port=\"…\"/>, <http url=\"…\"/>, <uptime seconds=\"…\"/>";
        if (element.children().isEmpty()) {
            throw origin(element).error(id, "<ready> is empty; put " + expected + " inside");
        }
        if (element.children().size() > 1) {
            XmlElement second = element.children().get(1);
            throw origin(second).error(id, "<ready> holds more than one probe (<" + element.children().get(0).name()
                    + "> and <" + second.name() + ">); keep " + expected);
        }
        XmlElement probe = element.children().get(0);
        shape.allowed(probe, "ready", PROBE_KINDS);
        shape.empty(probe, PROBE_ATTRIBUTES.get(probe.name()));
        Map<String, Setting> attributes = new LinkedHashMap<>();
        probe.attributes().forEach((name, value) -> attributes.put(name,
                new Setting(id, "ready." + probe.name() + "." + name, value, origin(probe))));
        String requiredAttribute = switch (probe.name()) {
            case "tcp" -> "port";
            case "http" -> "url";
            default -> null;
        };
        if (requiredAttribute != null) {
            shape.required(probe, requiredAttribute);
        }
        return new Probe(probe.name(), origin(probe), attributes);
    }

    private Origin origin(XmlElement element) {
        return Origin.file(file, element.line());
    }
}
