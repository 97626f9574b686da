package org.imageserving.platform.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one catalog from its attribute file and the data files it names: CatalogFile (image records,
 * several allowed, comma-separated) and MacroFile (macro definitions), both relative to the catalog folder
 * unless absolute. A problem is an IllegalArgumentException whose one-line message names the file.
 */
final class CatalogLoader {

    private CatalogLoader() {
    }

    /** The catalog of {@code ini}; {@code parent} is the default catalog, or null when loading default.ini itself. */
    static Catalog load(Path ini, Catalog parent) {
        String name = stem(ini);
        Map<String, String> attributes = CatalogText.attributes(readText(ini));
        List<Path> files = new ArrayList<>();
        files.add(ini);
        Map<String, CatalogRecord> records = new HashMap<>();
        for (String dataFile : list(attributes.get("catalogfile"))) {
            Path data = resolve(ini, dataFile);
            files.add(data);
            for (Map<String, String> row : CatalogText.table(readText(data), data.toString())) {
                CatalogRecord record = record(row, data);
                if (record != null) {
                    records.put(record.id().toLowerCase(Locale.ROOT), record);
                }
            }
        }
        Map<String, String> macros = new HashMap<>();
        String macroFile = attributes.getOrDefault("macrofile", "");
        if (!macroFile.isBlank()) {
            Path file = resolve(ini, macroFile.strip());
            files.add(file);
            for (Map<String, String> row : CatalogText.table(readText(file), file.toString())) {
                String macroName = row.getOrDefault("name", "").strip();
                if (!macroName.isEmpty()) {
                    macros.put(macroName.toLowerCase(Locale.ROOT), row.getOrDefault("definition", "").strip());
                }
            }
        }
        Catalog catalog = new Catalog(name, ini, attributes, parent, records, macros, files);
        catalog.validate();
        return catalog;
    }

    /** The default catalog when there is no default.ini: the built-in attributes, no records, no macros. */
    static Catalog builtIn() {
        return new Catalog("default", null, Map.of(), null, Map.of(), Map.of(), List.of());
    }

    private static CatalogRecord record(Map<String, String> row, Path data) {
        String id = row.getOrDefault("id", "").strip();
        if (id.isEmpty()) {
            return null;
        }
        String expiration = row.getOrDefault("expiration", "").strip();
        Double hours = null;
        if (!expiration.isEmpty()) {
            try {
                hours = Double.parseDouble(expiration);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(data + ": record [" + id + "]: Expiration [" + expiration + "] must be a number of hours");
            }
        }
        return new CatalogRecord(id, row.getOrDefault("path", "").strip(), row.getOrDefault("modifier", "").strip(),
                row.getOrDefault("postmodifier", "").strip(), hours, row.getOrDefault("timestamp", "").strip(),
                row.getOrDefault("userdata", ""));
    }

    private static List<String> list(String value) {
        List<String> result = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    private static Path resolve(Path ini, String relative) {
        Path p = Path.of(relative);
        return p.isAbsolute() ? p : ini.getParent().resolve(p).normalize();
    }

    private static String readText(Path file) {
        try {
            return CatalogText.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + "); fix the path in the .ini file");
        }
    }

    static String stem(Path ini) {
        String file = ini.getFileName().toString();
        return file.substring(0, file.length() - ".ini".length());
    }

    static boolean isCatalogFile(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ini");
    }
}
