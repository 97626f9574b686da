package org.imageserving.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test fails, the stack's base (conf, logs, run) is kept for a post-mortem instead of being deleted. */
final class KeepBaseOnFailure implements TestWatcher {
    /** A test class that runs one {@link StockStack}. */
    interface HasStack {
        StockStack stack();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getTestInstance()
                .filter(HasStack.class::isInstance)
                .map(instance -> ((HasStack) instance).stack())
                .ifPresent(stack -> {
                    stack.keepBase();
                    System.err.println("kept the base of the failed stack: " + stack.base());
                });
    }
}
