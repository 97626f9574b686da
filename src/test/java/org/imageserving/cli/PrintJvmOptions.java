package org.imageserving.cli;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Stands in for the supervisor's entry point (IMAGESERVING_SUPERVISOR_CLASS) to show what JVM a launcher made:
 * one line per JVM input argument, then the effective MaxHeapSize and the collector.
 */
public final class PrintJvmOptions {
    private PrintJvmOptions() {
    }

    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(arg -> System.out.println("arg " + arg));
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        System.out.println("MaxHeapSize " + hotspot.getVMOption("MaxHeapSize").getValue());
        System.out.println("UseSerialGC " + hotspot.getVMOption("UseSerialGC").getValue());
    }
}
