package org.imageserving.stock;

import java.util.Locale;

/** {@code resMode=}: the resampling filter for every scaling step. */
public enum ResMode {
    /** bi-linear (triangle filter): fastest. */
    BILIN,
    /** bi-cubic (Catmull-Rom). */
    BICUB,
    /** modified Lanczos window: sharpest, costliest ("sharp" is its deprecated alias). */
    SHARP2,
    /** Photoshop's "bicubic sharper" for reductions. */
    BISHARP;

    public static ResMode parse(String command, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            // the numbers are attribute::ResMode's enum: 2 bilin, 3 bicub, 4 sharp2, 1 the deprecated sharp
            case "bilin", "2" -> BILIN;
            case "bicub", "3" -> BICUB;
            case "sharp2", "sharp", "4", "1" -> SHARP2;
            case "bisharp" -> BISHARP;
            default -> throw new BadValueException(command, value, "expected bilin|bicub|sharp2|bisharp");
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
