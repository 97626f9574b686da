package org.imageserving.daemon;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What to undo, last done first: each step of a start pushes how to take it back as soon as it is done, so
 * that a stop, or a start that fails part way, undoes exactly what was done. Used under the service's lock.
 */
final class Teardown {
    private static final Logger LOG = LogManager.getLogger(SupervisorService.class);

    /** One thing to undo. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    void push(Step step) {
        steps.push(step);
    }

    /** Runs every step, last pushed first; one that fails is logged and the others still run. */
    void runAll() {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.run();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }
}
