package org.imageserving.stock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a stock server: {@code --name value} or {@code --name=value} options, each allowed
 * at most once, from a fixed set. Ports are 0..65535 (0 = any free port, the chosen one is logged).
 * Anything else is a {@link UsageException} naming the option and the fix.
 */
public final class ServerArguments {

    private final String program;
    private final Map<String, String> values;

    private ServerArguments(String program, Map<String, String> values) {
        this.program = program;
        this.values = values;
    }

    /** Parses {@code args}, accepting only the options in {@code allowed} (without their leading dashes). */
    public static ServerArguments parse(String program, String[] args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException(program + ": unexpected argument [" + arg + "]; options are --"
                        + String.join(" N, --", allowed.stream().sorted().toList()) + " N");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < list.size()) {
                value = list.get(++i);
            } else {
                throw new UsageException(program + ": option --" + name + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw new UsageException(program + ": unknown option --" + name + "; options are --"
                        + String.join(", --", allowed.stream().sorted().toList()));
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(program + ": option --" + name + " given twice");
            }
        }
        return new ServerArguments(program, values);
    }

    /** The port given with {@code --name}, or {@code fallback} when absent. */
    public int port(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(program + ": --" + name + " [" + value + "] must be a port number 0..65535");
    }

    /** The value given with {@code --name}, or {@code fallback} when absent. */
    public String text(String name, String fallback) {
        String value = values.get(name);
        if (value != null && value.isBlank()) {
            throw new UsageException(program + ": --" + name + " must not be empty");
        }
        return value == null ? fallback : value.trim();
    }
}
