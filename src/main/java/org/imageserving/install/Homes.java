package org.imageserving.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Tomcat's CATALINA_HOME / CATALINA_BASE split: {@code home} is the install (bin, lib, jmx-templates),
 * {@code base} one instance (conf, logs, run, temp, images, cache). Several bases can share one home.
 * Both are always absolute and normalised. The one resolution of the two paths, for the supervisor, the control
 * script and the stock servers alike (a stock server gets both from its supervisor, as system properties and
 * as environment variables).
 */
public record Homes(Path home, Path base) {
    public static final String HOME_PROPERTY = "imageserving.home";
    public static final String BASE_PROPERTY = "imageserving.base";
    public static final String HOME_ENV = "IMAGESERVING_HOME";
    public static final String BASE_ENV = "IMAGESERVING_BASE";

    public Homes {
        home = home.toAbsolutePath().normalize();
        base = base.toAbsolutePath().normalize();
    }

    public Path conf() { return base.resolve("conf"); }
    public Path logs() { return base.resolve("logs"); }
    public Path run() { return base.resolve("run"); }
    public Path temp() { return base.resolve("temp"); }
    public Path lib() { return home.resolve("lib"); }
    public Path jmxTemplates() { return home.resolve("jmx-templates"); }
    public Path supervisorRegistry() { return conf().resolve("SupervisorRegistry.xml"); }

    /**
     * The conf file or folder {@code relative} (e.g. "PlatformServer.conf") of this instance: base/conf first,
     * home/conf when the instance has no copy of its own; empty when neither has it.
     */
    public Optional<Path> confFile(String relative) {
        for (Path root : new Path[] {conf(), home.resolve("conf")}) {
            Path candidate = root.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A path from a conf file: absolute as given, relative to the base otherwise (Adobe's install_folder). */
    public Path underBase(String configured) {
        Path path = Path.of(configured.trim());
        return (path.isAbsolute() ? path : base.resolve(path)).normalize();
    }

    /** {@link #resolve(Map, Properties)} with this process's environment and system properties. */
    public static Homes resolve() {
        return resolve(System.getenv(), System.getProperties());
    }

    /**
     * home: {@code -Dimageserving.home} &gt; {@code IMAGESERVING_HOME} &gt; the install this class was loaded
     * from (the directory holding {@code lib/}, or the project directory of a source checkout) &gt; the
     * working directory. base: {@code -Dimageserving.base} &gt; {@code IMAGESERVING_BASE} &gt; home.
     * Relative values are taken against the working directory; blank values count as unset. System properties
     * beat the environment, as everywhere in this project (STYLE.md: defaults &lt; conf &lt; environment &lt;
     * system properties &lt; flags), so a launcher's {@code -D} wins over an inherited variable.
     */
    public static Homes resolve(Map<String, String> env, Properties sysProps) {
        Path home = firstSet(sysProps.getProperty(HOME_PROPERTY), env.get(HOME_ENV));
        if (home == null) {
            home = Objects.requireNonNullElse(installOf(codeLocation()), Path.of(""));
        }
        Path base = firstSet(sysProps.getProperty(BASE_PROPERTY), env.get(BASE_ENV));
        return new Homes(home, base == null ? home : base);
    }

    private static Path firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Path.of(value.trim());
            }
        }
        return null;
    }

    /** Where Homes.class came from: a jar in lib/, or target/classes in a source checkout; null if unknown. */
    private static Path codeLocation() {
        CodeSource source = Homes.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * The install that holds {@code location}: {@code <home>/lib/imageserving.jar} gives home,
     * {@code <project>/target/classes} gives the project directory (a checkout is an install); else null.
     */
    static Path installOf(Path location) {
        if (location == null) {
            return null;
        }
        Path absolute = location.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            return null;
        }
        boolean jarInLib = absolute.getFileName().toString().endsWith(".jar") && isNamed(parent, "lib");
        if (jarInLib) {
            return parent.getParent();
        }
        boolean buildOutput = isNamed(absolute, "classes") && isNamed(parent, "target");
        return buildOutput ? parent.getParent() : null;
    }

    private static boolean isNamed(Path path, String name) {
        return path.getFileName() != null && path.getFileName().toString().equals(name);
    }
}
