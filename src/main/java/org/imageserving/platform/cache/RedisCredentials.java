package org.imageserving.platform.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.imageserving.stock.UsageException;

/**
 * The account ps logs in to Redis with, from {@code sharedCache.passwordFile}: its first line is {@code password}
 * (Redis' requirepass, the "default" user) or {@code username password} (an ACL user). Never in the URL, which
 * shows in logs and on the install check; a file others may read is refused, as conf/jmxremote.password is.
 */
record RedisCredentials(String user, char[] password) {

    static RedisCredentials read(Path file) {
        if (file == null) {
            return null;
        }
        List<String> lines;
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (mode.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new UsageException(SharedCacheConfig.FILE + ": sharedCache.passwordFile " + file
                            + " may be read by any user: chmod o-r it (or 0600 for ps's own user)");
                }
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(SharedCacheConfig.FILE + ": sharedCache.passwordFile " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        String first = lines.isEmpty() ? "" : lines.get(0).strip();
        String[] parts = first.split("\\s+");
        if (first.isEmpty() || parts.length > 2) {
            throw new UsageException(SharedCacheConfig.FILE + ": sharedCache.passwordFile " + file
                    + ": the first line must be 'password' or 'username password'");
        }
        return parts.length == 1 ? new RedisCredentials(null, parts[0].toCharArray())
                : new RedisCredentials(parts[0], parts[1].toCharArray());
    }
}
