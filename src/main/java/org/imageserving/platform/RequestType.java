package org.imageserving.platform;

import java.util.Locale;
import java.util.Set;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;

/** {@code req=type[,format]}: what the request asks for and in which reply format. */
record RequestType(String type, PropertiesFormat format) {

    static final Set<String> SUPPORTED = Set.of("img", "props", "imageprops", "exists", "userdata", "catalogprops", "validate", "resolve");

    static RequestType of(String value) throws ImageServingException {
        String[] parts = value.split(",", -1);
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            type = "img";
        }
        if (!SUPPORTED.contains(type)) {
            throw new ImageServingException(Kind.BAD_REQUEST, "req=" + type + " is not supported; use one of " + String.join("|", SUPPORTED.stream().sorted().toList()));
        }
        PropertiesFormat format = PropertiesFormat.of(parts.length > 1 ? parts[1] : "");
        if (format == null) {
            throw new ImageServingException(Kind.BAD_REQUEST, "req=" + value + ": the format must be text, javascript, xml or json");
        }
        return new RequestType(type, format);
    }
}
