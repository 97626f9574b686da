package org.imageserving.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies a directory tree for a test's own base (conf/, images/): new files, with new modification times. */
public final class Trees {
    private Trees() {}

    public static void copy(Path from, Path to) throws IOException {
        copy(from, to, path -> true);
    }

    /** Only the files and directories {@code which} takes (a directory left out still has its files walked). */
    public static void copy(Path from, Path to, Predicate<Path> which) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.filter(which).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
