package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The restart policy's verdict on a process that ended while RUNNING; expected exit codes are 0 and 2. */
class ExitVerdictTest {
    @ParameterizedTest(name = "{0}, code {1}, killed by us {2}: unexpected {3}, restart {4}")
    @CsvSource({
            "UNEXPECTED, 0, false, false, false",
            "UNEXPECTED, 2, false, false, false",
            "UNEXPECTED, 1, false, true,  true",
            "UNEXPECTED, 0, true,  true,  true",
            "ALWAYS,     0, false, false, true",
            "ALWAYS,     1, false, true,  true",
            "NEVER,      1, false, true,  false",
            "NEVER,      0, true,  true,  false"})
    void judgesAnExit(Mode mode, int code, boolean killedByUs, boolean unexpected, boolean restart) {
        RestartPolicy policy = new RestartPolicy(mode, Set.of(0, 2), RestartPolicy.DEFAULT.maxRetries(),
                RestartPolicy.DEFAULT.backoffInitial(), RestartPolicy.DEFAULT.backoffMax(),
                RestartPolicy.DEFAULT.stableAfter());

        assertEquals(new ExitVerdict(unexpected, restart), ExitVerdict.of(policy, code, killedByUs));
    }
}
