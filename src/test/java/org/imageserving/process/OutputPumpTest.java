package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.imageserving.testing.Await;
import org.junit.jupiter.api.Test;

/** The pump of a real child's output survives an Error thrown while logging, and cuts endless lines. */
class OutputPumpTest {

    /** Records lines; throws an OutOfMemoryError for a line that says BOOM, as a starved appender would. */
    private static final class Recording extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Recording() {
            super("recording", null, null, false, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String line = event.getMessage().getFormattedMessage();
            if (line.contains("BOOM")) {
                throw new OutOfMemoryError("Java heap space (thrown by the test)");
            }
            lines.add(line);
        }
    }

    @Test
    void anErrorWhileLoggingLosesOneLineNotTheRest() throws Exception {
        Recording recording = attach("pump-error");
        Process child = new ProcessBuilder("sh", "-c", "printf 'first\\nBOOM\\nsecond\\n'; sleep 0.2; printf 'third\\n'")
                .redirectErrorStream(true).start();
        OutputPump.start("pump-error", child.pid(), child.getInputStream());
        Await.until("the lines after the Error", Duration.ofSeconds(20), () -> recording.lines.contains("third"),
                recording.lines::toString);
        assertEquals(List.of("first", "second", "third"), recording.lines);
        child.waitFor();
    }

    @Test
    void anEndlessLineIsCutNotBuffered() throws Exception {
        Recording recording = attach("pump-long");
        Process child = new ProcessBuilder("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x; printf '\\nafter\\n'")
                .redirectErrorStream(true).start();
        OutputPump.start("pump-long", child.pid(), child.getInputStream());
        Await.until("the line after the long one", Duration.ofSeconds(20), () -> recording.lines.contains("after"),
                recording.lines::toString);
        String cut = recording.lines.get(0);
        assertTrue(cut.startsWith("x".repeat(OutputPump.MAX_LINE_CHARS) + "...("), cut.substring(0, 40));
        assertTrue(cut.endsWith("more chars)"), cut.substring(cut.length() - 40));
        child.waitFor();
    }

    private static Recording attach(String serverId) {
        Recording recording = new Recording();
        recording.start();
        Logger logger = (Logger) LogManager.getLogger(OutputPump.LOGGER_PREFIX + serverId);
        logger.addAppender(recording);
        logger.setAdditive(false);
        logger.setLevel(Level.ALL);
        return recording;
    }
}
