package org.imageserving.cli;

import org.imageserving.text.JsonText;

/**
 * Just enough JSON for {@code status --json}: objects, strings, numbers, booleans, string arrays. Written by
 * hand because the CLI's class path is only imageserving.jar and picocli.jar, and every class loaded costs.
 */
final class Json {
    private final StringBuilder out = new StringBuilder(512);
    private boolean needComma;

    Json beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(Object value) {
        comma();
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String[] array) {
            out.append('[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(array[i]);
            }
            out.append(']');
        } else {
            string(value.toString());
        }
        needComma = true;
        return this;
    }

    Json field(String name, Object value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        JsonText.appendQuoted(out, s);
    }
}
