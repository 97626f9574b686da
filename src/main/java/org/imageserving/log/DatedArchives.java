package org.imageserving.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code supervisor.log} becomes {@code supervisor-2026-12-06-1.log.gz} (the day its lines were written, then a
 * counter for the day's rolls), compressed; of those archives the newest {@code keep} stay. The names and the
 * count are those the supervisor's logs always had.
 */
final class DatedArchives implements Rollover {
    private final int keep;

    DatedArchives(int keep) {
        this.keep = keep;
    }

    @Override
    public void roll(Path file, LocalDate day) throws IOException {
        Path archive = freeName(file, day);
        Path partial = archive.resolveSibling(archive.getFileName() + ".part");
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            in.transferTo(out);
        }
        Files.move(partial, archive);
        Files.delete(file);
        dropOldest(file);
    }

    /** The day's next number: one past the highest there, so a dropped archive's number is never used again. */
    private static Path freeName(Path file, LocalDate day) throws IOException {
        String prefix = stem(file) + "-" + day + "-";
        int highest = 0;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(file.toAbsolutePath().getParent(),
                prefix + "*.log.gz")) {
            for (Path archive : found) {
                String name = archive.getFileName().toString();
                String number = name.substring(prefix.length(), name.length() - ".log.gz".length());
                if (!number.isEmpty() && number.length() < 10 && number.chars().allMatch(Character::isDigit)) {
                    highest = Math.max(highest, Integer.parseInt(number));
                }
            }
        }
        return file.resolveSibling(prefix + (highest + 1) + ".log.gz");
    }

    private void dropOldest(Path file) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(file.toAbsolutePath().getParent(),
                stem(file) + "-*.log.gz")) {
            found.forEach(archives::add);
        }
        if (archives.size() <= keep) {
            return;
        }
        archives.sort(Comparator.comparing(DatedArchives::modified).thenComparing(Path::toString).reversed());
        for (Path old : archives.subList(keep, archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path archive) {
        try {
            return Files.getLastModifiedTime(archive);
        } catch (IOException e) {
            return FileTime.fromMillis(0);   // gone meanwhile: sorts as the oldest, and deleting it is a no-op
        }
    }

    /** {@code supervisor} of {@code supervisor.log}. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }
}
