package org.imageserving.stock;

/**
 * {@code crop=x,y,w,h} in source pixels, or {@code cropN=} normalised to the source size. The rectangle
 * may reach beyond the image; the extension is transparent.
 */
public record Crop(double x, double y, double w, double h, boolean normalized) {

    public static Crop parse(String command, String value) {
        boolean normalized = command.equalsIgnoreCase("cropN");
        double[] v = CommandValues.reals(command, value, 4);
        if (!(v[2] > 0) || !(v[3] > 0)) {
            throw new BadValueException(command, value, "width and height must be greater than 0");
        }
        double limit = normalized ? 100 : 1_000_000;
        for (double d : v) {
            if (Math.abs(d) > limit) {
                throw new BadValueException(command, value, "values must lie within ±" + (long) limit);
            }
        }
        return new Crop(v[0], v[1], v[2], v[3], normalized);
    }

    public String command() {
        return normalized ? "cropN" : "crop";
    }

    public String wire() {
        return CommandValues.number(x) + "," + CommandValues.number(y) + "," + CommandValues.number(w) + ","
                + CommandValues.number(h);
    }
}
