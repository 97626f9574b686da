package org.imageserving.stock;

import java.util.Locale;

/** Parsers for the value types of the Image Serving protocol (int, real, flag, color, pairs). */
public final class CommandValues {

    private CommandValues() {
    }

    public static long integer(String command, String value, long min, long max) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValueException(command, value, "expected an integer from " + min + " to " + max);
    }

    public static double real(String command, String value, double min, double max) {
        double v = parseReal(command, value);
        if (v < min || v > max) {
            throw new BadValueException(command, value, "expected a number from " + number(min) + " to " + number(max));
        }
        return v;
    }

    public static double[] reals(String command, String value, int count) {
        String[] parts = value.split(",", -1);
        if (parts.length != count) {
            throw new BadValueException(command, value, "expected " + count + " comma-separated numbers");
        }
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = parseReal(command, parts[i]);
        }
        return result;
    }

    /** {@code 0|1} (also true/false, on/off). */
    public static boolean flag(String command, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "on" -> true;
            case "0", "false", "off", "" -> false;
            default -> throw new BadValueException(command, value, "expected 0 or 1");
        };
    }

    /** A pair of non-negative integers {@code w,h} (DefaultPix, MaxPix, size). */
    public static int[] pair(String command, String value, int max) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw new BadValueException(command, value, "expected two integers w,h");
        }
        return new int[] {(int) integer(command, parts[0], 0, max), (int) integer(command, parts[1], 0, max)};
    }

    /**
     * An opaque RGB colour as 0xRRGGBB. Accepts hex {@code rrggbb}/{@code rrggbbaa} (optional 0x prefix,
     * r suffix), gray {@code 0xgg}, decimal {@code r,g,b[,a]} and gray percent {@code g[,a]g}, and CMYK
     * percentages with the k suffix (converted naively). The 's' suffix and any alpha are ignored, as bgc=
     * documents.
     */
    public static int color(String command, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            if (v.contains(",") || v.matches("\\d{1,3}g?")) {
                return decimalColor(v);
            }
            boolean hexPrefix = v.startsWith("0x");
            String hex = hexPrefix ? v.substring(2) : v;
            char suffix = hex.isEmpty() ? ' ' : hex.charAt(hex.length() - 1);
            if (suffix == 'r' || suffix == 'g' || suffix == 'k') {
                hex = hex.substring(0, hex.length() - 1);
            }
            if (!hex.matches("[0-9a-f]*")) { // Integer.parseInt would take a sign: "-1e400" read as a colour
                throw new NumberFormatException(hex);
            }
            if (suffix == 'k' && (hex.length() == 8 || hex.length() == 10)) {
                return cmyk(hex(hex, 0), hex(hex, 2), hex(hex, 4), hex(hex, 6), 255);
            }
            if (hexPrefix && (hex.length() == 2 || hex.length() == 4) && suffix != 'r') {
                int g = hex(hex, 0);
                return g << 16 | g << 8 | g;
            }
            if ((hex.length() == 6 || hex.length() == 8) && suffix != 'g') {
                return hex(hex, 0) << 16 | hex(hex, 2) << 8 | hex(hex, 4);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValueException(command, value, "expected a color such as ffffff, 0xffffff, 255,255,255 or 0x80 (gray)");
    }

    private static int decimalColor(String v) {
        char suffix = v.charAt(v.length() - 1);
        String body = Character.isLetter(suffix) ? v.substring(0, v.length() - 1) : v;
        String[] parts = body.split(",", -1);
        int[] c = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            c[i] = Integer.parseInt(parts[i].trim());
            if (c[i] < 0 || c[i] > 255) {
                throw new NumberFormatException();
            }
        }
        if (suffix == 'k' && (c.length == 4 || c.length == 5)) {
            return cmyk(c[0] * 255 / 100, c[1] * 255 / 100, c[2] * 255 / 100, c[3] * 255 / 100, 255);
        }
        if (suffix == 'g' || c.length <= 2) {
            int g = Math.min(100, c[0]) * 255 / 100;
            return g << 16 | g << 8 | g;
        }
        if (c.length == 3 || c.length == 4) {
            return c[0] << 16 | c[1] << 8 | c[2];
        }
        throw new NumberFormatException();
    }

    private static int cmyk(int c, int m, int y, int k, int alpha) {
        int r = (255 - c) * (255 - k) / 255;
        int g = (255 - m) * (255 - k) / 255;
        int b = (255 - y) * (255 - k) / 255;
        return r << 16 | g << 8 | b;
    }

    private static int hex(String hex, int at) {
        return Integer.parseInt(hex.substring(at, at + 2), 16);
    }

    /** The colour as six lower-case hex digits. */
    public static String hexColor(int rgb) {
        return String.format(Locale.ROOT, "%06x", rgb & 0xffffff);
    }

    /** A real in its shortest form: 2 rather than 2.0. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double parseReal(String command, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v) && !value.trim().matches(".*[a-zA-Z].*")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadValueException(command, value, "expected a number");
    }
}
