package org.imageserving.jolokia;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.imageserving.config.ConfigException;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the guards in front of Jolokia read from conf/jolokia-access.xml, beside Jolokia's own sections:
 * <ul>
 * <li>{@code <cors><allow-origin>}: the only origins whose pages may send requests. None listed: no origin at all
 *     (Jolokia itself would allow every origin when the section is empty or missing);</li>
 * <li>{@code <host-header><allow-host>name</allow-host>}: names accepted in the Host header beside localhost,
 *     127.0.0.1 and [::1] (always with the bridge's own port), against DNS rebinding;</li>
 * <li>{@code <notifications><mbean>pattern</mbean>}: the MBeans a client may add notification listeners to, for
 *     every role. No section: {@code ImageServing:*}.</li>
 * </ul>
 */
final class GuardRules {
    static final String DEFAULT_NOTIFICATION_SOURCE = "ImageServing:*";

    private final PolicyRestrictor restrictor;
    private final boolean originsListed;
    private final List<String> extraHosts;
    private final List<ObjectName> notificationSources;

    GuardRules(PolicyRestrictor restrictor, boolean originsListed, List<String> extraHosts,
            List<ObjectName> notificationSources) {
        this.restrictor = restrictor;
        this.originsListed = originsListed;
        this.extraHosts = List.copyOf(extraHosts);
        this.notificationSources = List.copyOf(notificationSources);
    }

    static GuardRules read(Path file, Document document, PolicyRestrictor restrictor) throws ConfigException {
        boolean originsListed = document.getElementsByTagName("allow-origin").getLength() > 0;
        List<String> hosts = new ArrayList<>();
        for (String host : texts(document, "host-header", "allow-host")) {
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        List<ObjectName> sources = new ArrayList<>();
        boolean sectionGiven = document.getElementsByTagName("notifications").getLength() > 0;
        for (String pattern : sectionGiven ? texts(document, "notifications", "mbean") : List.of(DEFAULT_NOTIFICATION_SOURCE)) {
            try {
                sources.add(new ObjectName(pattern));
            } catch (MalformedObjectNameException e) {
                throw new ConfigException(file + ": <notifications><mbean> [" + pattern + "] is not an MBean name"
                        + " pattern; fix: write it as domain:key=value,* (see the comments in the shipped file)");
            }
        }
        return new GuardRules(restrictor, originsListed, hosts, sources);
    }

    boolean isOriginAllowed(String origin) {
        return originsListed && restrictor.isOriginAllowed(origin, false);
    }

    /** Lower-case names, without a port. */
    List<String> extraHosts() {
        return extraHosts;
    }

    boolean mayListenTo(ObjectName name) {
        return !name.isPattern() && notificationSources.stream().anyMatch(source -> source.apply(name));
    }

    private static List<String> texts(Document document, String section, String entry) {
        List<String> texts = new ArrayList<>();
        NodeList sections = document.getElementsByTagName(section);
        for (int s = 0; s < sections.getLength(); s++) {
            for (Node child = sections.item(s).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals(entry)) {
                    String text = element.getTextContent().strip();
                    if (!text.isEmpty()) {
                        texts.add(text);
                    }
                }
            }
        }
        return texts;
    }
}
