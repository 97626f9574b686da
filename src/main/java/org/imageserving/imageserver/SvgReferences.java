package org.imageserving.imageserver;

import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.imageserving.xml.SafeXml;

/**
 * Whether an SVG document refers to anything outside itself: an {@code href} (image, use, xi:include…)
 * that is neither a fragment nor a {@code data:} URL, a CSS {@code url(…)} or {@code @import} that is not
 * a fragment, or an xml-stylesheet instruction. librsvg loads none of these from a buffer without a base
 * URL, so the libvips engine would render such a document with holes; it sends it to the SVG server
 * instead, whose Batik sandbox decides (files under the image roots, nothing else).
 */
final class SvgReferences {

    private SvgReferences() {
    }

    static boolean external(byte[] svg) {
        try {
            XMLStreamReader reader = SafeXml.streamReader(svg);
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.PROCESSING_INSTRUCTION && "xml-stylesheet".equals(reader.getPITarget())) {
                        return true;
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && attributesReachOut(reader)) {
                        return true;
                    }
                    if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && cssReachesOut(reader.getText())) {
                        return true;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return false; // not well-formed: librsvg refuses it with its own message
        }
        return false;
    }

    private static boolean attributesReachOut(XMLStreamReader reader) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i).trim().toLowerCase(Locale.ROOT);
            if (name.equals("href") && !value.startsWith("#") && !value.startsWith("data:")) {
                return true;
            }
            if (cssReachesOut(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cssReachesOut(String text) {
        String css = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (css.contains("@import")) {
            return true;
        }
        for (int at = css.indexOf("url("); at >= 0; at = css.indexOf("url(", at + 4)) {
            String target = css.substring(at + 4).replaceFirst("^[\"']", "");
            if (!target.startsWith("#") && !target.startsWith("data:")) {
                return true;
            }
        }
        return false;
    }
}
