package org.imageserving.daemon;

/** {@link ForegroundMain} as a child process of the tests, with {@link TestWiring}; logging owned, as for real. */
public final class TestForeground {
    private TestForeground() {}

    public static void main(String[] args) {
        TestWiring wiring = new TestWiring();
        System.exit(ForegroundMain.run(args,
                flags -> new SupervisorService(wiring, System.getenv(), System.getProperties(), flags, true)));
    }
}
