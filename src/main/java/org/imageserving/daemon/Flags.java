package org.imageserving.daemon;

import java.util.LinkedHashMap;
import java.util.Map;

import org.imageserving.config.ConfigException;

/**
 * The entry points' arguments: {@code --name=value} or {@code --name value}, handed to the config loader as
 * command-line flags (the highest layer of configuration). Anything else is a usage error.
 */
final class Flags {
    private Flags() {}

    static Map<String, String> parse(String... args) throws ConfigException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < (args == null ? 0 : args.length); i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument [" + arg + "]; usage: [--<setting>=<value>]...");
            }
            int equals = arg.indexOf('=');
            if (equals > 2) {
                flags.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(arg.substring(2), args[++i]);
            } else {
                throw new ConfigException("flag [" + arg + "] has no value; usage: " + arg + "=<value>");
            }
        }
        return flags;
    }
}
