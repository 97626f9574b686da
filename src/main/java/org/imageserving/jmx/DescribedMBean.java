package org.imageserving.jmx;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Optional;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * An MXBean as generic clients should see it. The JDK's default MXBean metadata repeats each name as its
 * description, calls every parameter {@code p0} and marks operations UNKNOWN; this fills them in from the
 * interface's {@link Description} annotations and parameter names, and marks every operation ACTION (all of
 * ours change something). Units come from {@link Units} through the JDK's own descriptor support.
 */
public class DescribedMBean<T> extends StandardEmitterMBean {
    private final Class<T> mxbeanInterface;

    public DescribedMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter) {
        super(implementation, mxbeanInterface, true, emitter);
        this.mxbeanInterface = mxbeanInterface;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description description = mxbeanInterface.getAnnotation(Description.class);
        return description != null ? description.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return getter(info.getName())
                .map(getter -> getter.getAnnotation(Description.class))
                .map(Description::value)
                .orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return operation(info)
                .map(method -> method.getAnnotation(Description.class))
                .map(Description::value)
                .orElseGet(() -> super.getDescription(info));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence)
                .filter(Parameter::isNamePresent)
                .map(Parameter::getName)
                .orElseGet(() -> super.getParameterName(op, param, sequence));
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence)
                .map(p -> p.getAnnotation(Description.class))
                .map(Description::value)
                .orElseGet(() -> super.getDescription(op, param, sequence));
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return MBeanOperationInfo.ACTION;
    }

    private Optional<Method> getter(String attribute) {
        return Arrays.stream(mxbeanInterface.getMethods())
                .filter(m -> m.getParameterCount() == 0)
                .filter(m -> m.getName().equals("get" + attribute) || m.getName().equals("is" + attribute))
                .findFirst();
    }

    private Optional<Method> operation(MBeanOperationInfo info) {
        return Arrays.stream(mxbeanInterface.getMethods())
                .filter(m -> m.getName().equals(info.getName()))
                .filter(m -> m.getParameterCount() == info.getSignature().length)
                .findFirst();
    }

    private Optional<Parameter> parameter(MBeanOperationInfo op, int sequence) {
        return operation(op).map(method -> method.getParameters()[sequence]);
    }
}
