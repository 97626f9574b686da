package org.imageserving.platform.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imageserving.stock.BadValueException;
import org.imageserving.stock.CommandValues;
import org.imageserving.stock.ResMode;

/**
 * One image catalog: its attribute file ({@code name.ini}), its image records and its macros. An
 * attribute the catalog does not define (or leaves empty) is inherited from the default catalog
 * ({@code default.ini}), and from {@link #BUILT_IN} when even that is silent — except DefaultImage, which
 * a catalog disables by defining it empty. Immutable: a reload builds a new one.
 */
public final class Catalog {

    /** What a missing default.ini stands for; the shipped default.ini says the same, key by key. */
    static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("rootpath", ""),
            Map.entry("defaultpix", "400,400"),
            Map.entry("maxpix", "3000,3000"),
            Map.entry("bkgcolor", "ffffff"),
            Map.entry("jpegquality", "80,0"),
            Map.entry("resmode", "3"),
            Map.entry("expiration", "10"),
            Map.entry("defaultexpiration", "1"),
            Map.entry("nonimgexpiration", "0.1"),
            Map.entry("errordetail", "0"),
            Map.entry("defaultimage", ""),
            Map.entry("staticcontentrootpath", ""));

    private final String name;
    private final Path file;
    private final String rootId;
    private final Map<String, String> attributes;
    private final Catalog parent;
    private final Map<String, CatalogRecord> records;
    private final Map<String, String> macros;
    private final List<Path> files;

    Catalog(String name, Path file, Map<String, String> attributes, Catalog parent, Map<String, CatalogRecord> records,
            Map<String, String> macros, List<Path> files) {
        this.name = name;
        this.file = file;
        this.attributes = Map.copyOf(attributes);
        this.parent = parent;
        this.rootId = parent == null ? "" : attributes.getOrDefault("rootid", name).strip();
        this.records = Map.copyOf(records);
        this.macros = Map.copyOf(macros);
        this.files = List.copyOf(files);
    }

    public String name() {
        return name;
    }

    /** The attribute file, or null for the built-in default catalog. */
    public Path file() {
        return file;
    }

    /** attribute::RootId, the first path element that selects this catalog ("" for the default catalog). */
    public String rootId() {
        return rootId;
    }

    public boolean isDefault() {
        return parent == null;
    }

    /** Every file this catalog was read from (attribute, data and macro files), to notice changes. */
    public List<Path> files() {
        return files;
    }

    public Optional<CatalogRecord> record(String id) {
        return Optional.ofNullable(records.get(id.toLowerCase(Locale.ROOT)));
    }

    /** A macro of this catalog, else of the default catalog (names are case-insensitive). */
    public Optional<String> macro(String macroName) {
        String definition = macros.get(macroName.toLowerCase(Locale.ROOT));
        if (definition == null && parent != null) {
            return parent.macro(macroName);
        }
        return Optional.ofNullable(definition);
    }

    /** The attribute's value, inherited when this catalog leaves it undefined or empty. */
    public String attribute(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String own = attributes.get(k);
        if (own != null && !own.isEmpty()) {
            return own;
        }
        if (parent != null) {
            return parent.attribute(k);
        }
        return own != null ? own : BUILT_IN.getOrDefault(k, "");
    }

    /** attribute::DefaultImage: empty when disabled — also when this catalog defines it empty on purpose. */
    public String defaultImage() {
        String own = attributes.get("defaultimage");
        return own != null ? own : parent != null ? parent.defaultImage() : BUILT_IN.get("defaultimage");
    }

    public String rootPath() {
        return attribute("rootpath");
    }

    public String staticContentRootPath() {
        return attribute("staticcontentrootpath");
    }

    public int[] defaultPix() {
        return CommandValues.pair("DefaultPix", attribute("defaultpix"), 65_000);
    }

    public int[] maxPix() {
        return CommandValues.pair("MaxPix", attribute("maxpix"), 65_000);
    }

    public int bkgColor() {
        return CommandValues.color("BkgColor", attribute("bkgcolor"));
    }

    /** JpegQuality as {quality, chroma flag}. */
    public int[] jpegQuality() {
        String[] parts = attribute("jpegquality").split(",", -1);
        int quality = (int) CommandValues.integer("JpegQuality", parts[0], 1, 100);
        return new int[] {quality, parts.length > 1 && CommandValues.flag("JpegQuality", parts[1]) ? 1 : 0};
    }

    public ResMode resMode() {
        return ResMode.parse("ResMode", attribute("resmode"));
    }

    /** Hours; 0 = expire at once, -1 = never. */
    public double expiration() {
        return hours("Expiration");
    }

    public double defaultExpiration() {
        return hours("DefaultExpiration");
    }

    public double nonImgExpiration() {
        return hours("NonImgExpiration");
    }

    public int errorDetail() {
        return (int) CommandValues.integer("ErrorDetail", attribute("errordetail"), 0, 3);
    }

    private double hours(String key) {
        return CommandValues.real(key, attribute(key), -2, 1_000_000);
    }

    /** Checks every typed attribute once, so a bad value fails the load instead of every request. */
    void validate() {
        try {
            defaultPix();
            maxPix();
            bkgColor();
            jpegQuality();
            resMode();
            expiration();
            defaultExpiration();
            nonImgExpiration();
            errorDetail();
        } catch (BadValueException e) {
            throw new IllegalArgumentException((file == null ? "built-in defaults" : file.toString()) + ": " + e.getMessage());
        }
    }

    /** The catalog's attributes as req=catalogprops reports them. */
    public Map<String, String> properties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("catalog.bkgColor", CommandValues.hexColor(bkgColor()));
        p.put("catalog.defaultPix", attribute("defaultpix"));
        p.put("catalog.expiration", attribute("expiration"));
        p.put("catalog.defaultExpiration", attribute("defaultexpiration"));
        p.put("catalog.nonImgExpiration", attribute("nonimgexpiration"));
        p.put("catalog.jpegQuality", attribute("jpegquality"));
        p.put("catalog.maxPix", attribute("maxpix"));
        p.put("catalog.resMode", attribute("resmode"));
        p.put("catalog.rootId", rootId);
        return p;
    }
}
