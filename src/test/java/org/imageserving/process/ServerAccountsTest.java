package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imageserving.config.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Which account a server runs as, looked up for real through getent (nobody/nogroup exist on every Linux). */
@EnabledOnOs(OS.LINUX)
class ServerAccountsTest {
    private static ServerSpec spec(String user, String group) {
        return ServerSpec.withDefaults("svg", new ServerSpec.CommandLaunch("sleep"), List.of("1"), Path.of("."))
                .runAs(user, group);
    }

    @Test
    void aSupervisorThatIsNotRootRunsEveryServerAsItself() throws IOException {
        assertEquals(Optional.empty(), new ServerAccounts(false).accountFor(spec("nobody", null)));
    }

    @Test
    void rootRunsAServerAsItsUserInThatUsersPrimaryGroup() throws IOException {
        RunAs nobody = new ServerAccounts(true).accountFor(spec("nobody", null)).orElseThrow();
        assertEquals(65534, nobody.uid());
        assertEquals(65534, nobody.gid());
        assertEquals(List.of("--reuid=65534", "--regid=65534", "--init-groups"), nobody.setprivOptions());
        assertEquals(Optional.empty(), new ServerAccounts(true).accountFor(spec(null, null)), "no <user>: root's own");
    }

    @Test
    void aNamedGroupWins() throws IOException {
        assertEquals(0, new ServerAccounts(true).accountFor(spec("nobody", "root")).orElseThrow().gid());
    }

    @Test
    void aMissingUserRunsAsTheSupervisorAndAMissingGroupIsRefused() {
        assertTrue(assertDoesNotThrow(() -> new ServerAccounts(true).accountFor(spec("no-such-user-x1", null))).isEmpty(),
                "the documented fallback");
        IOException e = assertThrows(IOException.class,
                () -> new ServerAccounts(true).accountFor(spec("nobody", "no-such-group-x1")));
        assertEquals("group [no-such-group-x1] does not exist; create it or fix <group>", e.getMessage());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> supplier) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(supplier);
    }

    @Test
    void theCommandPrefixSwitchesBeforeItSetsTheParentDeathSignal() {
        Platform linux = new Platform(true, Optional.of(Path.of("/usr/bin/setsid")), Optional.of(Path.of("/usr/bin/setpriv")));
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--reuid=7", "--regid=8", "--init-groups",
                "--pdeathsig", "KILL", "--"), linux.commandPrefix(Optional.of(new RunAs("x", 7, 8))));
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--pdeathsig", "KILL", "--"), linux.commandPrefix());
    }
}
