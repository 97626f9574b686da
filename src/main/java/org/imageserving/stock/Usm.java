package org.imageserving.stock;

/** {@code op_usm=amount[,radius[,threshold[,monochrome]]]}: unsharp mask, radius in full-resolution pixels. */
public record Usm(double amount, double radius, int threshold, boolean monochrome) {

    public static Usm parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length > 4) {
            throw new BadValueException("op_usm", value, "expected amount[,radius[,threshold[,monochrome]]]");
        }
        double amount = CommandValues.real("op_usm", parts[0], 0, 5);
        double radius = parts.length > 1 ? CommandValues.real("op_usm", parts[1], 0, 250) : 0;
        int threshold = parts.length > 2 ? (int) CommandValues.integer("op_usm", parts[2], 0, 255) : 0;
        boolean mono = parts.length > 3 && CommandValues.flag("op_usm", parts[3]);
        return new Usm(amount, radius, threshold, mono);
    }

    public boolean active() {
        return amount > 0 && radius > 0;
    }

    public String wire() {
        return CommandValues.number(amount) + "," + CommandValues.number(radius) + "," + threshold + "," + (monochrome ? 1 : 0);
    }
}
