package org.imageserving.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Makes the base's writable directories usable by a server that a root supervisor runs as another account,
 * the way Tomcat's and Debian's packaging give the service account {@code logs/}, {@code temp/} and
 * {@code cache/} only. {@code cache/} and {@code temp/} (and {@code images/demo/}, where the Image Server draws
 * the demo pictures on a first start) become the account's, fixing what an earlier root run left there.
 * {@code logs/} stays root's, because the supervisor writes its own logs there as root: the account's group may
 * add files (ps's access log) but, the directory being sticky, may not remove or replace root's.
 * Symbolic links are never followed.
 */
final class WritableDirs {
    private static final Logger LOG = LogManager.getLogger(WritableDirs.class);
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** rwxrwxr-x with the sticky bit. */
    private static final int SHARED_STICKY = 01775;

    private WritableDirs() {}

    static void prepare(Path base, RunAs account) {
        try {
            own(base.resolve("cache"), account);
            own(base.resolve("temp"), account);
            Path images = base.resolve("images");
            if (!Files.exists(images.resolve("demo"), NO_FOLLOW)) {
                Files.createDirectories(images);
                own(images.resolve("demo"), account);
            }
            share(base.resolve("logs"), account);
            Files.createDirectories(base.resolve("run/servers"));
            traversable(base.resolve("run"));
            traversable(base.resolve("run/servers"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot prepare the writable directories of {} for user {}: {}", base, account.user(), e.toString());
        }
    }

    /** Creates {@code dir} owned by the account, or hands it and its contents over once. */
    private static void own(Path dir, RunAs account) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            LOG.warn("{} is a symbolic link: left as it is", dir);
            return;
        }
        Files.createDirectories(dir);
        if (uid(dir) == account.uid()) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                chown(d, account);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file, account);
                return FileVisitResult.CONTINUE;
            }
        });
        LOG.info("{} now belongs to user {} (uid {}), which runs the servers", dir, account.user(), account.uid());
    }

    private static void share(Path dir, RunAs account) throws IOException {
        Files.createDirectories(dir);
        if (uid(dir) != 0 || Files.isSymbolicLink(dir)) {
            return;
        }
        Files.setAttribute(dir, "unix:gid", (int) account.gid(), NO_FOLLOW);
        Files.setAttribute(dir, "unix:mode", SHARED_STICKY, NO_FOLLOW);
    }

    /** Others may pass through (to reach their own agent credentials) but not list it. */
    private static void traversable(Path dir) throws IOException {
        if (Files.isDirectory(dir, NO_FOLLOW)) {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", NO_FOLLOW);
            Files.setAttribute(dir, "unix:mode", (mode & 07777) | 0111, NO_FOLLOW);
        }
    }

    private static void chown(Path path, RunAs account) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) account.uid(), NO_FOLLOW);
        Files.setAttribute(path, "unix:gid", (int) account.gid(), NO_FOLLOW);
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", NO_FOLLOW);
    }
}
