package org.imageserving.config;

import org.imageserving.install.Homes;
import java.util.List;

/**
 * The whole supervisor configuration, resolved and validated.
 *
 * @param homes        install and instance directories
 * @param tcpPort      JMX/RMI connector port on 127.0.0.1 (the original's {@code <tcpport>}); 0 = any free port
 * @param jolokiaPort  Jolokia HTTP port on 127.0.0.1; 0 = Jolokia off
 * @param servers      managed servers, in start order (startPriority, then file order)
 */
public record SupervisorConfig(Homes homes, int tcpPort, int jolokiaPort, List<ServerSpec> servers) {
    public SupervisorConfig {
        servers = List.copyOf(servers);
    }
}
