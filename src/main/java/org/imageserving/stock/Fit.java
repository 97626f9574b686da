package org.imageserving.stock;

import java.util.Locale;

/** {@code fit=mode[,upscale]}: how the composite is scaled into the wid×hei view (Adobe's fit=). */
public record Fit(Mode mode, boolean upscale) {

    public enum Mode { FIT, CONSTRAIN, CROP, WRAP, STRETCH, HFIT, VFIT }

    public static Fit parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new BadValueException("fit", value, "expected fit|constrain|crop|wrap|stretch|hfit|vfit[,0|1]");
        }
        Mode mode;
        try {
            mode = Mode.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadValueException("fit", value, "expected fit|constrain|crop|wrap|stretch|hfit|vfit[,0|1]");
        }
        boolean upscale = parts.length == 2 && CommandValues.flag("fit", parts[1]);
        return new Fit(mode, upscale);
    }

    public String wire() {
        return mode.name().toLowerCase(Locale.ROOT) + "," + (upscale ? 1 : 0);
    }
}
