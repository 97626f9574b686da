package org.imageserving.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Hostile documents against the one hardened parser, through each of its three APIs: an external entity (XXE)
 * naming a secret file, and the "billion laughs" (ten levels of ten entities, 10^9 copies of "lol"). Each must be
 * refused, or (StAX, which ignores DTDs) read without the secret or the expansion, and in well under a second.
 */
class SafeXmlTest {
    private static final String SECRET = "the-secret-line";

    @TempDir
    Path dir;

    private String xxe() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n<r>&xxe;</r>";
    }

    private static String billionLaughs() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            doc.append("<!ENTITY lol").append(level).append(" \"");
            for (int i = 0; i < 10; i++) {
                doc.append("&lol").append(level - 1).append(';');
            }
            doc.append("\">\n");
        }
        return doc.append("]>\n<lolz>&lol9;</lolz>").toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void saxRefusesTheExternalEntityAndTheBillionLaughs() throws Exception {
        for (String hostile : new String[] {xxe(), billionLaughs()}) {
            StringBuilder text = new StringBuilder();
            SAXParseException refused = assertThrows(SAXParseException.class, () -> SafeXml.saxParser()
                    .parse(new ByteArrayInputStream(bytes(hostile)), new DefaultHandler() {
                        @Override
                        public void characters(char[] ch, int start, int length) {
                            text.append(ch, start, length);
                        }
                    }));
            assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
            assertFalse(text.toString().contains(SECRET));
        }
    }

    @Test
    void domRefusesTheExternalEntityAndTheBillionLaughs() throws Exception {
        for (String hostile : new String[] {xxe(), billionLaughs()}) {
            SAXParseException refused = assertThrows(SAXParseException.class,
                    () -> SafeXml.documentBuilder().parse(new ByteArrayInputStream(bytes(hostile))));
            assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
        }
    }

    @Test
    void staxNeitherFetchesTheEntityNorExpandsTheLaughs() throws Exception {
        for (String hostile : new String[] {xxe(), billionLaughs()}) {
            long started = System.nanoTime();
            StringBuilder text = new StringBuilder();
            try {
                XMLStreamReader reader = SafeXml.streamReader(bytes(hostile));
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        text.append(reader.getText());
                    }
                }
            } catch (XMLStreamException refused) {
                // an undeclared entity (its DTD was not read) may also end the document: refused is fine too
            }
            assertFalse(text.toString().contains(SECRET), "the external entity was not fetched");
            assertTrue(text.length() < 1000, "no expansion: " + text.length() + " characters");
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "no time spent expanding");
        }
    }

    @Test
    void plainDocumentsAndTheSvgDoctypeStillRead() throws Exception {
        Document document = SafeXml.documentBuilder().parse(new ByteArrayInputStream(bytes("<a><b>text</b></a>")));
        assertEquals("text", document.getDocumentElement().getTextContent());
        String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg width=\"10\" height=\"20\"/>";
        XMLStreamReader reader = SafeXml.streamReader(bytes(svg));
        String root = null;
        while (reader.hasNext() && root == null) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                root = reader.getLocalName() + " " + reader.getAttributeValue(null, "height");
            }
        }
        assertEquals("svg 20", root, "the W3C doctype is skipped, not fetched (no network here) and not refused");
    }
}
