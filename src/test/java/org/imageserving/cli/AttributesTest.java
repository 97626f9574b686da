package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.SupervisorMXBean;
import org.junit.jupiter.api.Test;

/** status --json must agree field for field with the MBeans: its attribute lists are the interfaces' getters. */
class AttributesTest {
    @Test
    void serverAttributesAreTheServerMXBeanGetters() {
        assertEquals(getters(ServerMXBean.class), new TreeSet<>(Set.of(Attributes.SERVER)));
    }

    @Test
    void supervisorAttributesAreTheSupervisorMXBeanGetters() {
        assertEquals(getters(SupervisorMXBean.class), new TreeSet<>(Set.of(Attributes.SUPERVISOR)));
    }

    private static Set<String> getters(Class<?> mxbean) {
        Set<String> names = new TreeSet<>();
        for (Method method : mxbean.getMethods()) {
            if (method.getParameterCount() == 0 && method.getName().startsWith("get")) {
                names.add(method.getName().substring(3));
            } else if (method.getParameterCount() == 0 && method.getName().startsWith("is")
                    && method.getReturnType() == boolean.class) {
                names.add(method.getName().substring(2));
            }
        }
        return names;
    }
}
