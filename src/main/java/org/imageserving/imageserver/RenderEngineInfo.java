package org.imageserving.imageserver;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code ImageServing:type=RenderEngine} in the Image Server's platform MBean server: the supervisor, which
 * already reads the child's heap over a loopback JMX agent, reads the engine's name from here into the
 * server's RenderEngine attribute. Nothing is opened for it: the MBean is only reachable through that agent.
 */
public final class RenderEngineInfo implements RenderEngineInfoMBean {

    public static final String OBJECT_NAME = "ImageServing:type=RenderEngine";
    private static final Logger LOG = LogManager.getLogger(RenderEngineInfo.class);

    private final String name;

    private RenderEngineInfo(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    static void publish(String engine) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName objectName = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(new RenderEngineInfo(engine), objectName);
        } catch (JMException e) {
            LOG.warn("cannot publish the render engine over JMX: {}", e.toString());
        }
    }
}
