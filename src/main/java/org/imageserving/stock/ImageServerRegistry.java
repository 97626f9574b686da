package org.imageserving.stock;

import org.imageserving.install.Homes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imageserving.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * conf/ImageServerRegistry.xml, in Adobe's vocabulary: the Image Server's source roots and limits. The
 * Platform Server and the SVG server read the same file so that all three agree on where images live.
 * Elements we do not use (Log, TraceClient, CacheServerUrl…) are accepted and ignored; a missing file means
 * the defaults below. Sizes are in millions of pixels (MP) or megabytes, as in the original.
 *
 * @param rootPaths          RootPath elements, searched in order (default ./images)
 * @param tempDirectory      TempDirectory (default ./temp)
 * @param workerThreads      WorkerThreads, 0 = one per core
 * @param maxRenderRgnPixels MaxRenderRgnPixels: largest image the server may produce, in MP (default 16)
 * @param maxNonDsfSize      MaxNonDsfSize: largest source image it may open, in MP (Adobe's default is 4 for
 *                           non-pyramid files; ours is 100 because sources are decoded at reduced size)
 * @param maxMessageSize     MaxMessageSize: largest encoded reply, in MB (default 16)
 * @param svgMaxRenderRgnPixels SvgMaxRenderRgnPixels: largest SVG rasterisation, in MP (default 4)
 * @param svgFileSizeLimitKb SVGFileSizeLimit: largest SVG source, in kB (default 1024)
 */
public record ImageServerRegistry(
        List<Path> rootPaths,
        Path tempDirectory,
        int workerThreads,
        double maxRenderRgnPixels,
        double maxNonDsfSize,
        double maxMessageSize,
        double svgMaxRenderRgnPixels,
        int svgFileSizeLimitKb) {

    public static final String FILE = "ImageServerRegistry.xml";

    public ImageServerRegistry {
        rootPaths = List.copyOf(rootPaths);
    }

    public static ImageServerRegistry defaults(Homes home) {
        return new ImageServerRegistry(List.of(home.underBase("images")), home.underBase("temp"), 0, 16, 100, 16, 4, 1024);
    }

    /** Reads the file from the base (or home) conf folder, or returns the defaults when there is none. */
    public static ImageServerRegistry load(Homes home) {
        return home.confFile(FILE).map(file -> read(file, home)).orElseGet(() -> defaults(home));
    }

    static ImageServerRegistry read(Path file, Homes home) {
        Element root = parse(file).getDocumentElement();
        ImageServerRegistry d = defaults(home);
        List<Path> roots = new ArrayList<>();
        for (String value : texts(root, "RootPath")) {
            roots.add(home.underBase(value));
        }
        return new ImageServerRegistry(
                roots.isEmpty() ? d.rootPaths() : roots,
                first(root, "TempDirectory").map(home::underBase).orElse(d.tempDirectory()),
                (int) number(file, root, "WorkerThreads", d.workerThreads(), 0, 256),
                number(file, root, "MaxRenderRgnPixels", d.maxRenderRgnPixels(), 0.01, 1000),
                number(file, root, "MaxNonDsfSize", d.maxNonDsfSize(), 0.01, 10000),
                number(file, root, "MaxMessageSize", d.maxMessageSize(), 0.01, 1024),
                number(file, root, "SvgMaxRenderRgnPixels", d.svgMaxRenderRgnPixels(), 0.01, 1000),
                (int) number(file, root, "SVGFileSizeLimit", d.svgFileSizeLimitKb(), 1, 1024 * 1024));
    }

    /** MaxRenderRgnPixels in pixels. */
    public long maxRenderPixels() {
        return (long) (maxRenderRgnPixels * 1_000_000);
    }

    /** MaxNonDsfSize in pixels. */
    public long maxSourcePixels() {
        return (long) (maxNonDsfSize * 1_000_000);
    }

    public long maxMessageBytes() {
        return (long) (maxMessageSize * 1024 * 1024);
    }

    public long svgMaxRenderPixels() {
        return (long) (svgMaxRenderRgnPixels * 1_000_000);
    }

    static Document parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return SafeXml.documentBuilder().parse(in);
        } catch (SAXException e) {
            throw new UsageException(file + ": not well-formed XML (" + e.getMessage() + "); fix the file or remove it to use the defaults");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static List<String> texts(Element root, String name) {
        List<String> result = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            String text = node.getTextContent() == null ? "" : node.getTextContent().trim();
            if (!text.isEmpty()) {
                result.add(text);
            }
        }
        return result;
    }

    static Optional<String> first(Element root, String name) {
        List<String> all = texts(root, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    static double number(Path file, Element root, String name, double fallback, double min, double max) {
        Optional<String> text = first(root, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(file + ": <" + name + "> [" + text.get() + "] must be a number from " + fmt(min) + " to " + fmt(max));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
