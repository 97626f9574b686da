package org.imageserving.stock;

import java.util.Locale;

/**
 * {@code fmt=format[,pixelType[,compression]]}: the reply's encoding. The {@code -alpha} variants keep
 * transparency (bgc= is ignored); the others are flattened onto the background colour.
 */
public record OutputFormat(Type type, boolean gray, String compression) {

    public enum Type {
        JPEG("jpeg", "image/jpeg", false),
        PJPEG("pjpeg", "image/jpeg", false),
        PNG("png", "image/png", false),
        PNG_ALPHA("png-alpha", "image/png", true),
        GIF("gif", "image/gif", false),
        GIF_ALPHA("gif-alpha", "image/gif", true),
        TIF("tif", "image/tiff", false),
        TIF_ALPHA("tif-alpha", "image/tiff", true),
        WEBP("webp", "image/webp", false),
        WEBP_ALPHA("webp-alpha", "image/webp", true),
        AVIF("avif", "image/avif", false),
        AVIF_ALPHA("avif-alpha", "image/avif", true);

        private final String token;
        private final String mimeType;
        private final boolean alpha;

        Type(String token, String mimeType, boolean alpha) {
            this.token = token;
            this.mimeType = mimeType;
            this.alpha = alpha;
        }

        public String token() {
            return token;
        }

        public String mimeType() {
            return mimeType;
        }

        public boolean alpha() {
            return alpha;
        }

        public boolean jpeg() {
            return this == JPEG || this == PJPEG;
        }
    }

    public static final OutputFormat DEFAULT = new OutputFormat(Type.JPEG, false, "");

    private static final String EXPECTED =
            "expected jpeg|jpg|pjpeg|png|png-alpha|gif|gif-alpha|tif|tif-alpha|webp|webp-alpha|avif|avif-alpha"
                    + "[,rgb|gray[,none|lzw|zip|jpeg]]";

    public static OutputFormat parse(String value) {
        String[] parts = value.toLowerCase(Locale.ROOT).split(",", -1);
        if (parts.length > 3) {
            throw new BadValueException("fmt", value, EXPECTED);
        }
        Type type = switch (parts[0].trim()) {
            case "jpeg", "jpg" -> Type.JPEG;
            case "pjpeg" -> Type.PJPEG;
            case "png" -> Type.PNG;
            case "png-alpha" -> Type.PNG_ALPHA;
            case "gif" -> Type.GIF;
            case "gif-alpha" -> Type.GIF_ALPHA;
            case "tif", "tiff" -> Type.TIF;
            case "tif-alpha", "tiff-alpha" -> Type.TIF_ALPHA;
            case "webp" -> Type.WEBP;
            case "webp-alpha" -> Type.WEBP_ALPHA;
            case "avif" -> Type.AVIF;
            case "avif-alpha" -> Type.AVIF_ALPHA;
            default -> throw new BadValueException("fmt", value, EXPECTED);
        };
        boolean gray = false;
        if (parts.length > 1) {
            gray = switch (parts[1].trim()) {
                case "", "rgb" -> false;
                case "gray", "grey" -> true;
                default -> throw new BadValueException("fmt", value, "pixel type must be rgb or gray (cmyk is not supported)");
            };
        }
        String compression = "";
        if (parts.length > 2) {
            compression = switch (parts[2].trim()) {
                case "", "none", "lzw", "zip", "jpeg" -> parts[2].trim();
                default -> throw new BadValueException("fmt", value, "compression must be none|lzw|zip|jpeg");
            };
        }
        return new OutputFormat(type, gray, compression);
    }

    public String mimeType() {
        return type.mimeType();
    }

    public String wire() {
        return type.token() + "," + (gray ? "gray" : "rgb") + (compression.isEmpty() ? "" : "," + compression);
    }
}
