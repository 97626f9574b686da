package org.imageserving.daemon;

/** {@link SupervisorDaemon} as jsvc loads it in the tests: public, no-argument, with {@link TestWiring}. */
public final class TestSupervisorDaemon extends SupervisorDaemon {
    public TestSupervisorDaemon() {
        super(flags -> new SupervisorService(new TestWiring(), System.getenv(), System.getProperties(), flags, true));
    }
}
