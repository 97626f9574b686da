package org.imageserving.stock;

import java.util.Locale;

/** {@code flip=lr|ud|lrud}: mirror after crop, before rotate. */
public enum Flip {
    NONE, LR, UD, LRUD;

    public static Flip parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "lr" -> LR;
            case "ud" -> UD;
            case "lrud", "udlr" -> LRUD;
            case "", "none", "0" -> NONE;
            default -> throw new BadValueException("flip", value, "expected lr|ud|lrud");
        };
    }

    public boolean horizontal() {
        return this == LR || this == LRUD;
    }

    public boolean vertical() {
        return this == UD || this == LRUD;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
