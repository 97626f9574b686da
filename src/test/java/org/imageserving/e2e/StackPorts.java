package org.imageserving.e2e;

import java.util.HashSet;
import java.util.Set;

import org.imageserving.testing.Ports;

/**
 * The ports of one stack under test: free loopback ports, all different, never a stock one (other builds on
 * this machine may be using 8080, 9910, 8778, 27345 and 27346 at the same time).
 */
record StackPorts(int ps, int is, int svg, int jmx, int jolokia) {
    static final int STOCK_PS = 8080;
    static final int STOCK_IS = 27345;
    static final int STOCK_SVG = 27346;
    static final int STOCK_JMX = 9910;
    static final int STOCK_JOLOKIA = 8778;
    private static final Set<Integer> STOCK = Set.of(STOCK_PS, STOCK_IS, STOCK_SVG, STOCK_JMX, STOCK_JOLOKIA);

    static StackPorts pick() {
        Set<Integer> taken = new HashSet<>(STOCK);
        return new StackPorts(next(taken), next(taken), next(taken), next(taken), next(taken));
    }

    private static int next(Set<Integer> taken) {
        int port = Ports.free();
        while (!taken.add(port)) {
            port = Ports.free();
        }
        return port;
    }

    /**
     * The shipped conf/SupervisorRegistry.xml with every stock port replaced by ours: in the tcpport and
     * jolokiaPort elements, in the servers' arguments and in their readiness URLs (comments too, harmlessly).
     */
    String rewrite(String registryXml) {
        String xml = registryXml
                .replace("<tcpport>" + STOCK_JMX + "</tcpport>", "<tcpport>" + jmx + "</tcpport>")
                .replace("<jolokiaPort>" + STOCK_JOLOKIA + "</jolokiaPort>", "<jolokiaPort>" + jolokia + "</jolokiaPort>")
                .replaceAll("\\b" + STOCK_IS + "\\b", Integer.toString(is))
                .replaceAll("\\b" + STOCK_SVG + "\\b", Integer.toString(svg))
                .replaceAll("\\b" + STOCK_PS + "\\b", Integer.toString(ps));
        for (String element : new String[] {"<tcpport>" + jmx + "</tcpport>", "<jolokiaPort>" + jolokia + "</jolokiaPort>",
                "<argument>" + ps + "</argument>", "<argument>" + is + "</argument>", "<argument>" + svg + "</argument>",
                "127.0.0.1:" + ps + "/health", "127.0.0.1:" + is + "/health", "127.0.0.1:" + svg + "/health"}) {
            if (!xml.contains(element)) {
                throw new IllegalStateException("the shipped SupervisorRegistry.xml changed shape: no " + element
                        + " after rewriting its ports; update StackPorts.rewrite");
            }
        }
        return xml;
    }
}
