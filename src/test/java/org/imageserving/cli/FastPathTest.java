package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import org.imageserving.exit.ExitCode;

/** The fast path takes only plain status calls, and reads them exactly as picocli does. */
class FastPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"status", "status svg", "status --json", "status --json svg", "status svg --json",
        "status my-server"})
    void plainStatusCallsAgreeWithPicocli(String line) {
        String[] args = line.split(" ");
        FastPath.Status fast = FastPath.status(args);
        assertNotNull(fast, line);
        ParseResult parsed = picocli().parseArgs(args);
        StatusCommand status = (StatusCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(new FastPath.Status(status.id, status.json), fast, line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "start", "stop svg", "restart", "status --help", "status -h", "status a b",
        "status --json --json", "status --url x", "status --stacktrace", "status --", "status @args", "status --jsn",
        "--url x status", "version"})
    void everythingElseGoesToPicocli(String line) {
        assertNull(FastPath.status(line.isEmpty() ? new String[0] : line.split(" ")), line);
    }

    @Test
    void theExitCodesArePicocliOwnForUsageErrors() {
        assertEquals(CommandLine.ExitCode.USAGE, ExitCode.USAGE.code());
        assertEquals(CommandLine.ExitCode.OK, ExitCode.OK.code());
        assertEquals(CommandLine.ExitCode.SOFTWARE, ExitCode.FAILURE.code());
    }

    private static CommandLine picocli() {
        Properties props = new Properties();
        Path dir = Path.of("target");
        CliContext ctx = new CliContext(new org.imageserving.install.Homes(dir, dir), Map.of(), props,
                Messages.forLocale(Locale.ROOT), System.out, System.err, java.nio.charset.StandardCharsets.UTF_8, false);
        return CommandLines.create(ctx);
    }
}
