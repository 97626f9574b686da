package org.imageserving.stock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.imageserving.xml.SafeXml;

/**
 * How many elements an SVG document becomes once every reference that renders a copy is expanded: a {@code <use>}
 * (or {@code <tref>}, or {@code <feImage>}) of an element counts that element's whole subtree again, and so does a
 * paint of {@code url(#pattern)}, transitively. Ten levels of ten {@code <use>}s are 1.5 kB of text and 10^10
 * elements in Batik's tree; this count, made with a streaming parser (no DTD) before Batik sees the document,
 * refuses it in microseconds. Refused also: reference cycles and elements nested deeper than {@value #MAX_DEPTH}.
 */
public final class SvgElementCount {

    /** Elements a document may expand to. */
    public static final long MAX_ELEMENTS = 50_000;
    public static final int MAX_DEPTH = 256;

    private static final Pattern URL_REF = Pattern.compile("url\\(\\s*['\"]?#([^'\")\\s]+)");

    private SvgElementCount() {
    }

    /** One element: its children, and the ids whose subtree it renders again. */
    private static final class Node {
        final String name;
        final List<Node> children = new ArrayList<>();
        final List<String> copies = new ArrayList<>();
        final List<String> paints = new ArrayList<>();
        long expanded = -1;
        boolean visiting;
        List<Node> dependencies;
        int cursor;

        Node(String name) {
            this.name = name;
        }
    }

    /** The expanded count; an IllegalArgumentException naming the limit when it is over. */
    public static long check(byte[] svg) {
        Map<String, Node> ids = new HashMap<>();
        Node root = null;
        List<Node> open = new ArrayList<>();
        long elements = 0;
        try {
            XMLStreamReader reader = SafeXml.streamReader(svg);
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (++elements > MAX_ELEMENTS) {
                            throw over(elements);
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw new IllegalArgumentException("SVG elements nested deeper than " + MAX_DEPTH);
                        }
                        Node node = element(reader, ids);
                        if (open.isEmpty()) {
                            root = node;
                        } else {
                            open.get(open.size() - 1).children.add(node);
                        }
                        open.add(node);
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        open.remove(open.size() - 1);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML");
        }
        if (root == null) {
            return 0;
        }
        long total = expand(root, ids);
        if (total > MAX_ELEMENTS) {
            throw over(total);
        }
        return total;
    }

    private static Node element(XMLStreamReader reader, Map<String, Node> ids) {
        Node node = new Node(reader.getLocalName());
        boolean copying = node.name.equals("use") || node.name.equals("tref") || node.name.equals("feImage");
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            if (name.equals("id")) {
                ids.putIfAbsent(value, node);
            } else if (name.equals("href") && value.startsWith("#")) {
                (copying ? node.copies : node.paints).add(value.substring(1));
            } else if (value.contains("url(")) {
                Matcher m = URL_REF.matcher(value);
                while (m.find()) {
                    node.paints.add(m.group(1));
                }
            }
        }
        return node;
    }

    /** The expanded size of {@code start}, depth first without recursion (a chain of references can be long). */
    private static long expand(Node start, Map<String, Node> ids) {
        List<Node> stack = new ArrayList<>();
        stack.add(start);
        while (!stack.isEmpty()) {
            Node node = stack.get(stack.size() - 1);
            if (node.expanded >= 0) {
                stack.remove(stack.size() - 1);
                continue;
            }
            if (node.dependencies == null) {
                node.dependencies = dependencies(node, ids);
                node.visiting = true;
            }
            if (node.cursor < node.dependencies.size()) {
                Node next = node.dependencies.get(node.cursor++);
                if (next.expanded < 0) {
                    if (next.visiting) {
                        throw new IllegalArgumentException("SVG references form a cycle (through <" + next.name + ">)");
                    }
                    stack.add(next);
                }
                continue;
            }
            long sum = 1;
            for (Node done : node.dependencies) {
                sum = Math.min(MAX_ELEMENTS + 1, sum + done.expanded);
            }
            node.expanded = sum;
            node.visiting = false;
            node.dependencies = List.of();
            stack.remove(stack.size() - 1);
        }
        return start.expanded;
    }

    /** Children, the targets of copies, and patterns painted with (their content is drawn per painted element). */
    private static List<Node> dependencies(Node node, Map<String, Node> ids) {
        List<Node> result = new ArrayList<>(node.children);
        for (String id : node.copies) {
            Node target = ids.get(id);
            if (target != null) {
                result.add(target);
            }
        }
        for (String id : node.paints) {
            Node target = ids.get(id);
            if (target != null && target.name.equals("pattern")) {
                result.add(target);
            }
        }
        return result;
    }

    /** Over {@link #MAX_ELEMENTS}: a document too large to render (413), not a broken one. */
    public static final class TooLarge extends IllegalArgumentException {
        TooLarge(String message) {
            super(message);
        }
    }

    private static TooLarge over(long count) {
        return new TooLarge("SVG expands to " + (count > MAX_ELEMENTS ? "more than " + MAX_ELEMENTS : count)
                + " elements (<use> and pattern references counted), over the limit of " + MAX_ELEMENTS);
    }
}
