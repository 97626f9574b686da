package org.imageserving.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imageserving.xml.SafeXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the conf file into {@link XmlElement}s that remember their line numbers. The parser is the JDK's
 * own, hardened by {@link SafeXml} (DOCTYPEs and external entities refused): the file is plain data and never
 * reaches out (XXE).
 */
final class RegistryXml {
    private RegistryXml() {}

    /** @param shownAs the file as errors name it, relative to base: {@code conf/SupervisorRegistry.xml} */
    static XmlElement parse(Path file, String shownAs) throws ConfigException {
        Handler handler = new Handler();
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            SafeXml.saxParser().parse(source, handler);
            return handler.root;
        } catch (SAXParseException e) {
            throw Origin.file(shownAs, e.getLineNumber()).error(describe(e));
        } catch (SAXException e) {
            throw Origin.file(shownAs, 0).error("not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw Origin.file(shownAs, 0).error("cannot read " + file + " (" + e
                    + "); check that the supervisor's user may read it");
        }
    }

    private static String describe(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE") || message.contains("disallow-doctype-decl")) {
            return "DOCTYPE declarations are not allowed; remove the <!DOCTYPE …> line";
        }
        return "not well-formed XML: " + message;
    }

    /** Builds the element tree; the Locator gives each element the line its start tag ends on. */
    private static final class Handler extends DefaultHandler {
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < attrs.getLength(); i++) {
                attributes.put(attrs.getQName(i), attrs.getValue(i));
            }
            XmlElement element = new XmlElement(qName, locator == null ? 0 : locator.getLineNumber(), attributes);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().add(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] chars, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().appendText(chars, start, length);
            }
        }
    }
}
