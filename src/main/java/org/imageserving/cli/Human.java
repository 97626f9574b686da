package org.imageserving.cli;

/**
 * Durations and sizes as an operator reads them: {@code 2d 3h}, {@code 4m 12s}, {@code 123.4 MiB}. The unit
 * letters and the decimal separator come from the message bundle ({@code 2j 3h} and {@code 123,4 Mio}-style
 * choices are the translator's); the arithmetic stays here.
 *
 * <p>Strings are built with StringBuilder, not {@code +}: on the Jolokia status path this is the first string
 * concatenation of the run, and bootstrapping javac's invokedynamic concatenation cost ~15 ms there.
 */
final class Human {
    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private final String day;
    private final String hour;
    private final String minute;
    private final String second;
    private final char decimalSeparator;

    Human(String day, String hour, String minute, String second, char decimalSeparator) {
        this.day = day;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.decimalSeparator = decimalSeparator;
    }

    static Human of(Messages messages) {
        String separator = messages.get("format.decimalSeparator");
        return new Human(messages.get("unit.day"), messages.get("unit.hour"), messages.get("unit.minute"),
                messages.get("unit.second"), separator.isEmpty() ? '.' : separator.charAt(0));
    }

    /** The two most significant units, like {@code uptime}: 2d 3h, 3h 12m, 4m 12s, 12s. Negative → "-". */
    String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        long seconds = millis / 1000;
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return twoUnits(days, day, hours, hour);
        }
        if (hours > 0) {
            return twoUnits(hours, hour, minutes, minute);
        }
        if (minutes > 0) {
            return twoUnits(minutes, minute, secs, second);
        }
        return new StringBuilder().append(secs).append(second).toString();
    }

    private static String twoUnits(long major, String majorUnit, long minor, String minorUnit) {
        return new StringBuilder().append(major).append(majorUnit).append(' ').append(minor).append(minorUnit).toString();
    }

    /** Binary units with one decimal: 512 B, 1.5 KiB, 123.4 MiB. Negative (unknown) → "-". */
    String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return new StringBuilder().append(bytes).append(" B").toString();
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        long tenths = Math.round(value * 10);
        if (tenths >= 10_240 && unit < SIZE_UNITS.length - 1) { // 1023.96 MiB rounds to 1024.0: say 1.0 GiB
            tenths = Math.round(value / 1024 * 10);
            unit++;
        }
        return new StringBuilder().append(tenths / 10).append(decimalSeparator).append(tenths % 10).append(' ')
                .append(SIZE_UNITS[unit]).toString();
    }
}
