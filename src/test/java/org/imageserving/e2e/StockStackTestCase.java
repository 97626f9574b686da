package org.imageserving.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shape every end-to-end class shares: one {@link StockStack} for the class, started before its tests and
 * closed after them (which fails the class unless the supervisor's whole tree stops cleanly), its base kept for a
 * post-mortem when a test fails. JUnit runs these callbacks around the subclass's own, so the stack exists for all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(KeepBaseOnFailure.class)
@Timeout(600)
abstract class StockStackTestCase implements KeepBaseOnFailure.HasStack {
    protected StockStack stack;

    @BeforeAll
    final void startStack() throws Exception {
        stack = StockStack.start();
    }

    @AfterAll
    final void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    public StockStack stack() {
        return stack;
    }
}
