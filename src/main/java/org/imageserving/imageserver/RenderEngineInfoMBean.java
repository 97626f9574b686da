package org.imageserving.imageserver;

/** The Image Server's render engine, published in its own JVM for the supervisor (status is --json: RenderEngine). */
public interface RenderEngineInfoMBean {

    /** "vips 8.14.1" or "java". */
    String getName();
}
