package org.imageserving.stock;

import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.imageserving.xml.SafeXml;

/**
 * The intrinsic pixel size of an SVG document, read from its root element (width/height, else the
 * viewBox, else 400×400 — Batik's default viewport) with a parser that processes no DTD and no external
 * entity, so a "billion laughs" document fails here in microseconds. Units are converted at 96 px/inch.
 */
public record SvgSize(double width, double height) {

    public static final double DEFAULT = 400;
    /** Larger intrinsic sides are refused: no reply could use them, and they overflow pixel arithmetic. */
    public static final double MAX_SIDE = 1_000_000;

    /** Parses the root element; a document that is not well-formed SVG is an IllegalArgumentException. */
    public static SvgSize of(byte[] svg) {
        try {
            XMLStreamReader reader = SafeXml.streamReader(svg);
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        checkDoctype(reader.getText());
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (!"svg".equals(reader.getLocalName())) {
                            throw new IllegalArgumentException("root element is <" + reader.getLocalName() + ">, not <svg>");
                        }
                        return fromRoot(reader.getAttributeValue(null, "width"), reader.getAttributeValue(null, "height"),
                                reader.getAttributeValue(null, "viewBox"));
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + firstLine(e.getMessage()));
        }
        throw new IllegalArgumentException("no <svg> element");
    }

    /**
     * Only the W3C SVG doctypes, which the rasteriser resolves from its own jar, are accepted: an internal
     * subset could declare entities (the "billion laughs"), another external DTD would be fetched.
     */
    static void checkDoctype(String doctype) {
        String d = doctype == null ? "" : doctype;
        if (d.contains("[") || d.contains("<!ENTITY")) {
            throw new IllegalArgumentException("SVG with a DOCTYPE internal subset (entity declarations) is not accepted");
        }
        if ((d.contains("SYSTEM") || d.contains("PUBLIC")) && !d.contains("-//W3C//DTD SVG")) {
            throw new IllegalArgumentException("SVG whose DOCTYPE names an external DTD is not accepted");
        }
    }

    static SvgSize fromRoot(String width, String height, String viewBox) {
        SvgSize size = intrinsic(width, height, viewBox);
        if (size.width() > MAX_SIDE || size.height() > MAX_SIDE) {
            throw new IllegalArgumentException("SVG size " + Math.round(size.width()) + "x" + Math.round(size.height())
                    + " exceeds " + (long) MAX_SIDE + " pixels a side");
        }
        return size;
    }

    private static SvgSize intrinsic(String width, String height, String viewBox) {
        double[] box = viewBox(viewBox);
        double w = length(width);
        double h = length(height);
        if (w > 0 && h > 0) {
            return new SvgSize(w, h);
        }
        if (box != null) {
            if (w > 0) {
                return new SvgSize(w, w * box[3] / box[2]);
            }
            if (h > 0) {
                return new SvgSize(h * box[2] / box[3], h);
            }
            return new SvgSize(box[2], box[3]);
        }
        return new SvgSize(w > 0 ? w : DEFAULT, h > 0 ? h : DEFAULT);
    }

    /** A length in px, or 0 when absent, relative (%) or unreadable. */
    static double length(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        double unit = 1;
        String[][] units = {{"px", "1"}, {"pt", "1.3333333"}, {"pc", "16"}, {"mm", "3.7795276"}, {"cm", "37.795276"}, {"in", "96"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                unit = Double.parseDouble(u[1]);
                v = v.substring(0, v.length() - 2).trim();
                break;
            }
        }
        try {
            double d = Double.parseDouble(v) * unit;
            return Double.isFinite(d) && d > 0 ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double[] viewBox(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.trim().split("[\\s,]+");
        if (parts.length != 4) {
            return null;
        }
        try {
            double[] box = new double[4];
            for (int i = 0; i < 4; i++) {
                box[i] = Double.parseDouble(parts[i]);
            }
            return box[2] > 0 && box[3] > 0 && Double.isFinite(box[2]) && Double.isFinite(box[3]) ? box : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
