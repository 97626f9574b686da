package org.imageserving.config;

import java.util.List;
import java.util.Map;

/** Structure checks on conf-file elements, each failing with one line that says what is allowed. */
final class Shape {
    private final String file;
    private final String serverId;

    Shape(String file, String serverId) {
        this.file = file;
        this.serverId = serverId;
    }

    /** The element must be one the parent allows; a typo gets a suggestion and the allowed list. */
    void allowed(XmlElement element, String parent, List<String> allowed) throws ConfigException {
        if (!allowed.contains(element.name())) {
            throw error(element, "unknown element <" + element.name() + "> in <" + parent + ">"
                    + Suggest.allowed(element.name(), allowed, "<", ">"));
        }
    }

    /** The element may appear only once in its parent. */
    void once(XmlElement element, Map<String, Integer> seen) throws ConfigException {
        Integer first = seen.putIfAbsent(element.name(), element.line());
        if (first != null) {
            throw error(element, "<" + element.name() + "> appears twice (first at line " + first + "); keep one");
        }
    }

    void attributes(XmlElement element, List<String> allowed) throws ConfigException {
        for (String name : element.attributes().keySet()) {
            if (allowed.contains(name)) {
                continue;
            }
            String what = allowed.isEmpty() ? "; <" + element.name() + "> takes no attributes"
                    : Suggest.allowed(name, allowed, "[", "]");
            throw error(element, "unknown attribute [" + name + "] on <" + element.name() + ">" + what);
        }
    }

    void noText(XmlElement element) throws ConfigException {
        if (!element.text().isEmpty()) {
            throw error(element, "unexpected text [" + element.text() + "] in <" + element.name()
                    + ">; values belong in its child elements");
        }
    }

    void noChildren(XmlElement element) throws ConfigException {
        if (!element.children().isEmpty()) {
            throw error(element, "<" + element.name() + "> holds a value, not elements (found <"
                    + element.children().get(0).name() + ">)");
        }
    }

    /** A single-value element: text only. */
    void value(XmlElement element) throws ConfigException {
        attributes(element, List.of());
        noChildren(element);
    }

    /** An element made of attributes only: {@code <health interval="5"/>}. */
    void empty(XmlElement element, List<String> allowedAttributes) throws ConfigException {
        attributes(element, allowedAttributes);
        noChildren(element);
        noText(element);
    }

    String required(XmlElement element, String attribute) throws ConfigException {
        String value = element.attributes().get(attribute);
        if (value == null) {
            throw error(element, "<" + element.name() + "> needs a " + attribute + " attribute");
        }
        return value;
    }

    private ConfigException error(XmlElement element, String message) {
        return Origin.file(file, element.line()).error(serverId, message);
    }
}
