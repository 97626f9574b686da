package org.imageserving.platform;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.imageserving.platform.request.CommandSyntax;
import org.imageserving.stock.PropertiesText;
import org.imageserving.text.JsonText;

/**
 * The reply formats of property requests ({@code req=type[,text|javascript|xml|json]}): Java-properties
 * text, JSONP ({@code /*jsonp*&#47;s7jsonResponse({...},"reqId");}, handler= renames the function) and
 * Adobe's nested {@code prop-group} XML.
 */
enum PropertiesFormat {
    TEXT("text/plain; charset=UTF-8"),
    JSON("text/javascript; charset=UTF-8"),
    XML("text/xml; charset=UTF-8");

    private final String contentType;

    PropertiesFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format named after the comma of req= ("" = text); null for one this server does not know. */
    static PropertiesFormat of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "", "text" -> TEXT;
            case "json", "javascript" -> JSON;
            case "xml" -> XML;
            default -> null;
        };
    }

    byte[] render(Map<String, String> properties, String handler, String requestId) {
        String body = switch (this) {
            case TEXT -> PropertiesText.body(properties);
            case JSON -> jsonp(properties, handler, requestId);
            case XML -> xml(properties);
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonp(Map<String, String> properties, String handler, String requestId) {
        String function = handler != null && CommandSyntax.isHandler(handler) ? handler : "s7jsonResponse";
        StringBuilder out = new StringBuilder("/*jsonp*/").append(function).append("({");
        boolean first = true;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            out.append(first ? "" : ",").append(json(e.getKey())).append(':').append(json(e.getValue()));
            first = false;
        }
        return out.append("},").append(json(requestId == null ? "" : requestId)).append(");\n").toString();
    }

    static String json(String s) {
        return JsonText.quoted(s);
    }

    private static String xml(Map<String, String> properties) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            int dot = key.indexOf('.');
            String group = dot < 0 ? "" : key.substring(0, dot);
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(dot < 0 ? key : key.substring(dot + 1), value);
        });
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<prop-group>\n");
        groups.forEach((group, props) -> {
            out.append("  <prop-group name=\"").append(escapeXml(group)).append("\">\n");
            props.forEach((k, v) -> out.append("    <property name=\"").append(escapeXml(k)).append("\" value=\"")
                    .append(escapeXml(v)).append("\" />\n"));
            out.append("  </prop-group>\n");
        });
        return out.append("</prop-group>\n").toString();
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "");
    }
}
