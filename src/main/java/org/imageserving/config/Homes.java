package org.imageserving.config;

import java.nio.file.Path;

/**
 * Tomcat's CATALINA_HOME / CATALINA_BASE split: {@code home} is the install (bin, lib, jmx-templates),
 * {@code base} one instance (conf, logs, run, temp). Several bases can share one home.
 */
public record Homes(Path home, Path base) {
    public Path conf() { return base.resolve("conf"); }
    public Path logs() { return base.resolve("logs"); }
    public Path run() { return base.resolve("run"); }
    public Path temp() { return base.resolve("temp"); }
    public Path lib() { return home.resolve("lib"); }
    public Path jmxTemplates() { return home.resolve("jmx-templates"); }
}
