package org.imageserving.xml;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The one way this project parses XML, whoever wrote the document (an operator's conf file or a stranger's SVG):
 * the JDK's own parsers (never one a library put on the class path), hardened the same way for all three APIs.
 * <ul>
 *   <li>no DTD is processed: SAX and DOM refuse any DOCTYPE; StAX reports it as an event and ignores it (SVG
 *       files carry the W3C doctype, so refusing it would refuse them);</li>
 *   <li>no external entity, DTD, schema or stylesheet is fetched, and no XInclude is followed;</li>
 *   <li>secure processing is on, with an entity expansion limit of {@value #ENTITY_EXPANSION_LIMIT} as a second
 *       wall behind the first (the "billion laughs" needs a DTD to declare its entities).</li>
 * </ul>
 * A parser that lacks one of these features is an error at once, not a silently weaker parser.
 */
public final class SafeXml {
    /** Entity expansions one document may make; a real conf file or SVG makes none. */
    public static final int ENTITY_EXPANSION_LIMIT = 100;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    /** The JDK's name for the limit (jdk.xml.entityExpansionLimit as a factory property). */
    private static final String EXPANSION_LIMIT = "jdk.xml.entityExpansionLimit";

    private SafeXml() {}

    /** A SAX parser (line numbers through its Locator): the supervisor's registry. */
    public static SAXParser saxParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.setProperty(EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a safety feature", e);
        }
    }

    /** A DOM builder whose errors reach the caller only as exceptions, never on stderr. */
    public static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's DOM parser lacks a safety feature", e);
        }
    }

    /** A streaming reader over a whole document in memory (SVG checks: size, references, element count). */
    public static XMLStreamReader streamReader(byte[] document) throws XMLStreamException {
        return inputFactory().createXMLStreamReader(new ByteArrayInputStream(document));
    }

    private static XMLInputFactory inputFactory() {
        try {
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
            factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setProperty(EXPANSION_LIMIT, Integer.toString(ENTITY_EXPANSION_LIMIT));
            return factory;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's StAX parser lacks a safety feature", e);
        }
    }
}
