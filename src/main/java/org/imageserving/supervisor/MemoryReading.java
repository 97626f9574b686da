package org.imageserving.supervisor;

/** A live memory figure of a managed process, and what it measures. */
public record MemoryReading(long bytes, Kind kind) {
    public static final MemoryReading UNKNOWN = new MemoryReading(-1, Kind.UNKNOWN);

    public enum Kind {
        /** Java heap in use, read from the child JVM's java.lang:type=Memory. */
        HEAP,
        /** Resident set size of a non-JVM process. */
        RESIDENT,
        UNKNOWN
    }
}
