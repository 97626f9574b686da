package org.imageserving.platform.request;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.imageserving.platform.request.ImageServingException.Kind;

/**
 * The shape checks the protocol reference asks for before any value is interpreted, so that a sloppy or
 * hostile request is a 4xx rather than a guess: a command that takes a value must have one ({@code wid=},
 * {@code fmt=}, {@code flip=}), a list has no empty item and no more items than its syntax allows
 * ({@code fmt=png,,jpeg}, {@code qlt=80,1,1}), a compression applies to TIFF only ({@code fmt=jpeg,rgb,lzw}),
 * and a JSONP {@code handler=} is a plain JavaScript name (dotted at most), because it is written into a
 * script reply as it is. {@code defaultImage=} and {@code id=} may be empty (empty disables / means none).
 */
public final class CommandSyntax {

    /** Longest handler= accepted. */
    public static final int MAX_HANDLER_CHARS = 128;
    private static final Pattern HANDLER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Set<String> NEEDS_VALUE = Set.of("wid", "hei", "scl", "fit", "align", "bgc", "crop", "cropn",
            "rotate", "flip", "resmode", "op_sharpen", "op_usm", "fmt", "qlt", "cache", "req", "handler");
    /** List-valued commands and the most items each takes. */
    private static final Map<String, Integer> MAX_ITEMS = Map.of("fmt", 3, "qlt", 2, "cache", 2, "req", 2, "fit", 2,
            "align", 2, "crop", 4, "cropn", 4, "op_usm", 4);

    private CommandSyntax() {
    }

    public static void check(Commands commands) throws ImageServingException {
        for (Map.Entry<String, String> e : commands.asMap().entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (NEEDS_VALUE.contains(name) && value.isBlank()) {
                throw bad(name, value, "a value is required");
            }
            Integer maxItems = MAX_ITEMS.get(name);
            if (maxItems != null) {
                String[] items = value.split(",", -1);
                if (items.length > maxItems) {
                    throw bad(name, value, "at most " + maxItems + " comma-separated values");
                }
                for (String item : items) {
                    if (item.isBlank()) {
                        throw bad(name, value, "empty item in the list");
                    }
                }
            }
        }
        String fmt = commands.get("fmt").orElse("");
        String[] parts = fmt.toLowerCase(Locale.ROOT).split(",", -1);
        if (parts.length == 3 && !parts[0].trim().startsWith("tif")) {
            throw bad("fmt", fmt, "a compression applies to tif and tif-alpha only");
        }
        String handler = commands.get("handler").orElse(null);
        if (handler != null && !isHandler(handler)) {
            throw bad("handler", handler, "must be a JavaScript function name such as s7jsonResponse or my.callback, at most "
                    + MAX_HANDLER_CHARS + " characters");
        }
    }

    /** A plain JavaScript name, dotted at most: nothing else can be written before "(" in a script reply. */
    public static boolean isHandler(String handler) {
        return handler.length() <= MAX_HANDLER_CHARS && HANDLER.matcher(handler).matches();
    }

    private static ImageServingException bad(String name, String value, String why) {
        return new ImageServingException(Kind.BAD_REQUEST, name + "=" + CommandParser.abbreviate(value) + ": " + why);
    }
}
