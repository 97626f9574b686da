package org.imageserving.config;

import org.imageserving.install.Homes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A real conf/SupervisorRegistry.xml in a temporary base, and the layers to load it with. */
final class Registry {
    final Path base;
    final Homes homes;
    final Map<String, String> env = new HashMap<>();
    final Properties sysProps = new Properties();
    final Map<String, String> flags = new HashMap<>();

    private Registry(Path base) {
        this.base = base;
        this.homes = new Homes(base, base);
    }

    /** A base whose conf file is exactly {@code xml}. */
    static Registry of(Path base, String xml) {
        Registry registry = new Registry(base);
        try {
            Files.createDirectories(base.resolve("conf"));
            Files.writeString(base.resolve(ConfigLoader.REGISTRY), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }

    /** A conf file with the XML declaration and {@code <config>} around {@code body}; line 3 is body's first. */
    static Registry config(Path base, String body) {
        return of(base, "<?xml version=\"1.0\"?>\n<config>\n" + body + "\n</config>\n");
    }

    /** One server {@code id} with a main class, {@code extra} on line 5 and after. */
    static Registry server(Path base, String extra) {
        return config(base, "<server id=\"svg\">\n  <mainClass>org.example.Main</mainClass>\n" + extra + "\n</server>");
    }

    /**
     * Adds settings the way an operator writes them: {@code NAME=value} to the environment,
     * {@code -Dname=value} to the system properties, {@code --name=value} to the flags.
     */
    Registry set(String... settings) {
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            String name = setting.substring(0, equals);
            String value = setting.substring(equals + 1);
            if (name.startsWith("--")) {
                flags.put(name.substring(2), value);
            } else if (name.startsWith("-D")) {
                sysProps.setProperty(name.substring(2), value);
            } else {
                env.put(name, value);
            }
        }
        return this;
    }

    SupervisorConfig load() throws ConfigException {
        return ConfigLoader.load(homes, env, sysProps, flags);
    }

    ServerSpec only() throws ConfigException {
        SupervisorConfig config = load();
        if (config.servers().size() != 1) {
            throw new AssertionError("expected one server, got " + config.servers());
        }
        return config.servers().get(0);
    }
}
