package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;
import org.junit.jupiter.api.Test;

/** How long start and stop may take, from the servers' own timeouts. */
class BudgetsTest {
    private static ServerSpec server(String id, int priority, int delay, int startTimeout, int stopTimeout) {
        return new ServerSpec(id, id, new ServerSpec.CommandLaunch("sleep"), List.of("100"), Path.of("."), Map.of(), priority,
                Duration.ofSeconds(delay), Duration.ofSeconds(startTimeout), Duration.ofSeconds(stopTimeout),
                new ServerSpec.UptimeReadiness(Duration.ofSeconds(1)), ServerSpec.HealthCheck.OFF,
                ServerSpec.RestartPolicy.DEFAULT);
    }

    private static SupervisorConfig config(ServerSpec... servers) {
        return new SupervisorConfig(new Homes(Path.of("."), Path.of(".")), 0, 0, List.of(servers));
    }

    @Test
    void aStartWaitsForTheSlowestOfEachPriorityInTurn() {
        SupervisorConfig config = config(server("is", 1, 0, 60, 30), server("svg", 1, 5, 20, 30), server("ps", 2, 2, 40, 10));
        // priority 1: max(0+60, 5+20) = 60; priority 2: 2+40 = 42; plus the supervisor's own slack
        assertEquals(Duration.ofSeconds(60 + 42).plus(Budgets.SUPERVISOR_SLACK), Budgets.start(config));
    }

    @Test
    void aStopWaitsForEveryStopTimeoutInTurn() {
        SupervisorConfig config = config(server("is", 1, 0, 60, 30), server("svg", 1, 5, 20, 30), server("ps", 2, 2, 40, 10));
        assertEquals(Duration.ofSeconds(70).plus(Budgets.SUPERVISOR_SLACK), Budgets.stop(config));
    }

    @Test
    void noServersLeaveOnlyTheSupervisorsSlack() {
        assertEquals(Budgets.SUPERVISOR_SLACK, Budgets.start(config()));
        assertEquals(Budgets.SUPERVISOR_SLACK, Budgets.stop(config()));
    }
}
