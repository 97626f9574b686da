package org.imageserving.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The layers above the conf file. Keys: {@code tcpport}, {@code jolokiaPort}, {@code server.<id>.<key>};
 * a system property is {@code imageserving.} + key, an environment variable {@code IMAGESERVING_} + key
 * upper-cased with '.' and '-' as '_', a flag the bare key. Layers override only servers the file declares.
 * Unrelated {@code IMAGESERVING_*} variables and {@code imageserving.*} properties (HOME, BASE, OPTS…) are
 * not ours and are left alone; anything under {@code server.} must name a declared server and a known key.
 * An empty value counts as unset, so {@code export IMAGESERVING_TCPPORT=} clears an override.
 */
final class Layers {
    static final String ENV_PREFIX = "IMAGESERVING_";
    static final String PROPERTY_PREFIX = "imageserving.";
    private static final String ENV_SERVER_PREFIX = ENV_PREFIX + "SERVER_";

    private final String file;
    private final List<String> serverIds;

    Layers(String file, List<String> serverIds) {
        this.file = file;
        this.serverIds = serverIds;
    }

    /**
     * Precedence, lowest first: built-in defaults &lt; the conf file (already in {@code fromFile}) &lt;
     * IMAGESERVING_* environment &lt; imageserving.* system properties &lt; flags. Later layers overwrite.
     */
    Map<String, Setting> apply(Map<String, Setting> fromFile, Map<String, String> env, Properties sysProps,
            Map<String, String> flags) throws ConfigException {
        Map<String, Setting> settings = new LinkedHashMap<>(fromFile);
        for (Setting s : environment(env)) {
            settings.put(s.fullKey(), s);
        }
        for (Setting s : systemProperties(sysProps)) {
            settings.put(s.fullKey(), s);
        }
        for (Setting s : flags(flags)) {
            settings.put(s.fullKey(), s);
        }
        return settings;
    }

    /** The environment variable for a key: server.svg.stopTimeout -> IMAGESERVING_SERVER_SVG_STOPTIMEOUT. */
    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A key a variable can carry; serverId null for tcpport and jolokiaPort. */
    private record Target(String serverId, String key) {}

    private List<Setting> environment(Map<String, String> env) throws ConfigException {
        Map<String, Target> known = new LinkedHashMap<>();
        for (String key : GlobalKey.keys()) {
            known.put(envName(key), new Target(null, key));
        }
        for (String id : serverIds) {
            for (String key : ServerKey.keys()) {
                known.put(envName(Setting.fullKey(id, key)), new Target(id, key));
            }
        }
        List<Setting> found = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            Target target = known.get(name);
            if (target != null) {
                found.add(new Setting(target.serverId(), target.key(), e.getValue(), Origin.environment(name)));
            } else if (name.startsWith(ENV_SERVER_PREFIX)) {
                throw unknownServerVariable(name);
            }
        }
        return found;
    }

    /** Names the declared server the variable seems meant for, or says no declared server matches. */
    private ConfigException unknownServerVariable(String name) {
        String rest = name.substring(ENV_SERVER_PREFIX.length());
        Origin origin = Origin.environment(name);
        Optional<String> id = serverIds.stream()
                .filter(s -> rest.startsWith(envName(s).substring(ENV_PREFIX.length()) + "_"))
                .max(Comparator.comparingInt(String::length));
        if (id.isEmpty()) {
            return origin.error("no server declared in " + file + " matches; declared: " + declared());
        }
        String key = rest.substring(envName(id.get()).length() - ENV_PREFIX.length() + 1);
        List<String> allowed = ServerKey.keys().stream().map(k -> envName(k).substring(ENV_PREFIX.length())).toList();
        boolean fileOnly = ServerKey.FILE_ONLY.stream().anyMatch(k -> envName(k).equals(ENV_PREFIX + key));
        if (fileOnly) {
            return origin.error(id.get(), key + " can only be set in " + file);
        }
        return origin.error(id.get(), "unknown key [" + key + "]" + Suggest.allowed(key, allowed, "", ""));
    }

    private List<Setting> systemProperties(Properties sysProps) throws ConfigException {
        List<Setting> found = new ArrayList<>();
        for (String name : new TreeSet<>(sysProps.stringPropertyNames())) {
            String value = sysProps.getProperty(name);
            if (!name.startsWith(PROPERTY_PREFIX) || value == null || value.isEmpty()) {
                continue;
            }
            String key = name.substring(PROPERTY_PREFIX.length());
            Origin origin = Origin.systemProperty(name);
            if (GlobalKey.of(key).isPresent()) {
                found.add(new Setting(null, key, value, origin));
            } else if (key.startsWith("server.")) {
                found.add(serverSetting(key, value, origin));
            }
        }
        return found;
    }

    private List<Setting> flags(Map<String, String> flags) throws ConfigException {
        List<Setting> found = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(flags).entrySet()) {
            String key = e.getKey();
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            Origin origin = Origin.flag(key);
            if (GlobalKey.of(key).isPresent()) {
                found.add(new Setting(null, key, e.getValue(), origin));
            } else if (key.startsWith("server.")) {
                found.add(serverSetting(key, e.getValue(), origin));
            } else {
                throw origin.error("unknown key [" + key + "]" + Suggest.allowed(key, GlobalKey.keys(), "", "")
                        + ", server.<id>.<key>");
            }
        }
        return found;
    }

    /** {@code server.<id>.<key>} from a system property or a flag. */
    private Setting serverSetting(String fullKey, String value, Origin origin) throws ConfigException {
        String rest = fullKey.substring("server.".length());
        int dot = rest.indexOf('.');
        String id = dot < 0 ? rest : rest.substring(0, dot);
        String key = dot < 0 ? "" : rest.substring(dot + 1);
        if (!serverIds.contains(id)) {
            throw origin.error("no server [" + id + "] is declared in " + file + "; declared: " + declared());
        }
        if (ServerKey.of(key).isPresent()) {
            return new Setting(id, key, value, origin);
        }
        if (ServerKey.FILE_ONLY.contains(key)) {
            throw origin.error(id, key + " can only be set in " + file);
        }
        throw origin.error(id, "unknown key [" + key + "]" + Suggest.allowed(key, ServerKey.keys(), "", ""));
    }

    private String declared() {
        return serverIds.isEmpty() ? "none" : String.join(", ", serverIds);
    }
}
