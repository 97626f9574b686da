package org.imageserving.stock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a stock server finds its files. {@code base} (IMAGESERVING_BASE, else imageserving.base, else the
 * working directory, which the supervisor sets to the base) holds conf/, images/, cache/, logs/, temp/;
 * {@code home} (IMAGESERVING_HOME, else imageserving.home, else base) is the install. A conf file is read
 * from base/conf first and from home/conf when the instance has no copy of its own.
 */
public record StockHome(Path home, Path base) {

    public static StockHome fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** Precedence: environment, then system properties, then the working directory. */
    public static StockHome from(Map<String, String> env, Properties sysProps) {
        Path base = pick(env.get("IMAGESERVING_BASE"), sysProps.getProperty("imageserving.base"))
                .orElse(Path.of("").toAbsolutePath());
        Path home = pick(env.get("IMAGESERVING_HOME"), sysProps.getProperty("imageserving.home")).orElse(base);
        return new StockHome(home.toAbsolutePath().normalize(), base.toAbsolutePath().normalize());
    }

    private static Optional<Path> pick(String first, String second) {
        for (String value : new String[] {first, second}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(Path.of(value.trim()));
            }
        }
        return Optional.empty();
    }

    /** The conf file or folder {@code relative} (e.g. "PlatformServer.conf"), if the base or the home has it. */
    public Optional<Path> conf(String relative) {
        for (Path root : new Path[] {base.resolve("conf"), home.resolve("conf")}) {
            Path candidate = root.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A path from a conf file: absolute as given, relative to the base otherwise (Adobe's install_folder). */
    public Path resolve(String configured) {
        Path path = Path.of(configured.trim());
        return (path.isAbsolute() ? path : base.resolve(path)).normalize();
    }
}
