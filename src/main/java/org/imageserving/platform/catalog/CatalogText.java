package org.imageserving.platform.catalog;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two text formats of image catalogs, as Adobe documents them. Encoding: UTF-8 when the file starts
 * with a byte-order mark, ISO-8859-1 otherwise. Records end with CR, LF or CR LF.
 * <ul>
 *   <li>Attribute files (.ini): {@code name=value} records, names case-insensitive, '#' starts a comment,
 *       a backslash before the line end continues the value, the last occurrence of a name wins.</li>
 *   <li>Data files: a header record naming the tab-separated columns (case-insensitive, columns starting
 *       with '.' ignored), then one record per row; fields may be double-quoted (and then hold tabs and
 *       line breaks, with "" for a quote). Later rows with the same key win.</li>
 * </ul>
 */
public final class CatalogText {

    private CatalogText() {
    }

    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
        Charset charset = bom ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        return bom ? new String(bytes, 3, bytes.length - 3, charset) : new String(bytes, charset);
    }

    /** Attribute records, keys lower-cased. */
    public static Map<String, String> attributes(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        String joined = text.replace("\r\n", "\n").replace('\r', '\n').replace("\\\n", "");
        for (String line : joined.split("\n")) {
            String record = line.strip();
            if (record.isEmpty() || record.startsWith("#")) {
                continue;
            }
            int eq = record.indexOf('=');
            if (eq <= 0) {
                continue; // not an attribute record: ignored like unknown names
            }
            result.put(record.substring(0, eq).strip().toLowerCase(Locale.ROOT), record.substring(eq + 1).strip());
        }
        return result;
    }

    /** Data rows as column-name (lower-cased) → value maps, in file order. */
    public static List<Map<String, String>> table(String text, String fileName) {
        List<List<String>> rows = rows(text);
        List<Map<String, String>> result = new ArrayList<>();
        if (rows.isEmpty()) {
            return result;
        }
        List<String> header = new ArrayList<>();
        for (String name : rows.get(0)) {
            String n = name.strip();
            if (n.isEmpty()) {
                throw new IllegalArgumentException(fileName + ": empty column name in the header record; name every column");
            }
            header.add(n.toLowerCase(Locale.ROOT));
        }
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (!header.get(i).startsWith(".")) {
                    record.put(header.get(i), i < row.size() ? row.get(i) : "");
                }
            }
            result.add(record);
        }
        return result;
    }

    private static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == '\t') {
                row.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldStart = true;
            } else {
                field.append(c);
                fieldStart = false;
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
