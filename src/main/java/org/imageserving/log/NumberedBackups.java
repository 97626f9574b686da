package org.imageserving.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * {@code svg.log} becomes {@code svg.log.1}, {@code svg.log.1} becomes {@code .2}, and so on up to {@code .<keep>},
 * which is dropped: the newest backup always has the lowest number (log4j2's {@code fileIndex="min"}, logrotate's
 * way), so {@code svg.log.1} is where the lines just before the current file are.
 */
final class NumberedBackups implements Rollover {
    private final int keep;

    NumberedBackups(int keep) {
        this.keep = keep;
    }

    @Override
    public void roll(Path file, LocalDate day) throws IOException {
        if (keep < 1) {
            Files.deleteIfExists(file);
            return;
        }
        Files.deleteIfExists(backup(file, keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path older = backup(file, i);
            if (Files.exists(older)) {
                Files.move(older, backup(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, backup(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    static Path backup(Path file, int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
