package org.imageserving.jmx;

/** The running Image Serving version, from the jar manifest's Implementation-Version. */
public final class Version {
    /** What a run from build classes (no jar manifest) reports. */
    public static final String DEVELOPMENT = "dev";

    private Version() {}

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version;
    }
}
