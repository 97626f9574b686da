package org.imageserving.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * {@code run/servers/<id>.pid}: one file per live server process, written at launch and removed once its tree
 * is reaped. A file left behind means the supervisor died; the next supervisor reads it to find survivors,
 * and the guardian reads it to kill their process groups. {@code key=value} lines, readable by {@code sh}.
 */
public final class PidRecords {
    private static final Logger LOG = LogManager.getLogger(PidRecords.class);
    private static final String SUFFIX = ".pid";

    /**
     * @param pgid  the process group the server leads, or -1
     * @param start the OS start instant of the process; with the pid it names the process unambiguously
     * @param token the {@link ServerToken} in the environment of the process and its descendants, or null
     */
    public record Entry(String id, long pid, long pgid, Instant start, String token) {
        /** A record without a token: only the start instant can prove a process ours. */
        public Entry(String id, long pid, long pgid, Instant start) {
            this(id, pid, pgid, start, null);
        }
    }

    private final Path dir;

    public PidRecords(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void write(Entry entry) {
        String text = "# a server process of the ImageServing supervisor; removed when its tree is gone\n"
                + "id=" + entry.id() + "\npid=" + entry.pid() + "\npgid=" + entry.pgid()
                + "\nstart=" + (entry.start() == null ? "" : entry.start())
                + "\ntoken=" + (entry.token() == null ? "" : entry.token()) + "\n";
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + entry.id() + SUFFIX + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, file(entry.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("{}: cannot write {}: {}; a killed supervisor could leave this process behind",
                    entry.id(), file(entry.id()), e.toString());
        }
    }

    public void remove(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warn("{}: cannot remove {}: {}", id, file(id), e.toString());
        }
    }

    public List<Entry> readAll() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresentOrElse(entries::add,
                        () -> LOG.warn("ignoring unreadable pid record {}", LogText.escape(file.toString())));
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
        }
        return entries;
    }

    private Path file(String id) {
        return dir.resolve(id + SUFFIX);
    }

    private static Optional<Entry> read(Path file) {
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            String name = file.getFileName().toString();
            String id = values.getOrDefault("id", name.substring(0, name.length() - SUFFIX.length()));
            String start = values.getOrDefault("start", "");
            String token = values.getOrDefault("token", "");
            return Optional.of(new Entry(id, Long.parseLong(values.get("pid")),
                    Long.parseLong(values.getOrDefault("pgid", "-1")), start.isEmpty() ? null : Instant.parse(start),
                    ServerToken.wellFormed(token) ? token : null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
