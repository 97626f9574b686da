package org.imageserving.install;

/**
 * The version of this install, from the jar manifest's Implementation-Version: the supervisor's Version
 * attribute, the control script's {@code version}, and the stock servers' {@code *.version} property lines.
 */
public final class Version {
    /** What a run from build classes (no jar manifest) reports. */
    public static final String DEVELOPMENT = "dev";

    private Version() {}

    /** The manifest's version, or {@link #DEVELOPMENT}. */
    public static String current() {
        String version = manifestVersion();
        return version == null ? DEVELOPMENT : version;
    }

    /** The manifest's version; null when run from classes (the control script then says "development build"). */
    public static String manifestVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? null : version;
    }
}
