package org.imageserving.jolokia;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;


import org.imageserving.config.ConfigException;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.imageserving.xml.SafeXml;

/**
 * conf/jolokia-access.xml, checked before Jolokia may start. Jolokia itself would run wide open without a policy
 * file and silently deny everything with a broken one; we refuse to start instead, in one line. A policy with
 * no {@code <commands>} section is refused too: Jolokia would then allow every request type on every MBean.
 */
final class PolicyFile {
    private PolicyFile() {}

    /** Jolokia's restrictor and our own guards' rules, from one reading of the file. */
    record Policy(PolicyRestrictor restrictor, GuardRules guards) {}

    static PolicyRestrictor load(Path file) throws ConfigException {
        return read(file).restrictor();
    }

    static Policy read(Path file) throws ConfigException {
        byte[] xml;
        try {
            xml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + " not found: Jolokia needs its access policy; fix: restore the file"
                    + " from the distribution, or set the Jolokia port to 0 to turn Jolokia off");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " (" + e + "); fix: make it readable by the user"
                    + " running the supervisor");
        }
        Document document = parse(file, xml);
        if (document.getElementsByTagName("commands").getLength() == 0) {
            throw new ConfigException(file + ": no <commands> section, so Jolokia would allow every request on"
                    + " every MBean; fix: add <commands><command>version</command></commands> (see the shipped file)");
        }
        PolicyRestrictor restrictor;
        try {
            restrictor = new PolicyRestrictor(new ByteArrayInputStream(xml));
        } catch (SecurityException | IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage() + "; fix: correct the policy (see the comments"
                    + " in the shipped file)");
        }
        return new Policy(restrictor, GuardRules.read(file, document, restrictor));
    }

    /** For {@link RoleRestrictor}, which Jolokia creates from its configuration: the file was checked before. */
    static PolicyRestrictor load(String location) {
        try {
            return load(Path.of(URI.create(location)));
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Document parse(Path file, byte[] xml) throws ConfigException {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new ConfigException(file + ":" + e.getLineNumber() + ": " + e.getMessage()
                    + "; fix: correct the XML (see the comments in the shipped file)");
        } catch (SAXException | IOException e) {
            throw new ConfigException(file + ": not a readable XML policy (" + e.getMessage() + ")");
        }
    }
}
