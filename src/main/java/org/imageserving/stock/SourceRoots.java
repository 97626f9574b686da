package org.imageserving.stock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The folders source files may come from (ImageServerRegistry RootPath, searched in order). A source is
 * named by a '/'-separated path relative to a root; "..", empty names, backslashes and control characters
 * are refused before the file system is touched ("'..' is not permitted in any path element"), and a file
 * whose real path (symbolic links followed) leaves its root is treated as missing.
 */
public final class SourceRoots {

    private final List<Path> roots;

    public SourceRoots(List<Path> roots) {
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    }

    public List<Path> roots() {
        return roots;
    }

    /** True when {@code path} is a syntactically acceptable source path (it may still not exist). */
    public static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.length() > 1024) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return false;
            }
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        for (String element : trimmed.split("/", -1)) {
            if (element.isEmpty() || element.equals("..") || element.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** The regular file {@code path} names under the first root that has it, if any. */
    public Optional<Path> find(String path) {
        if (!isSafe(path)) {
            return Optional.empty();
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (Path root : roots) {
            Path candidate;
            try {
                candidate = root.resolve(relative).normalize();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            if (candidate.startsWith(root) && Files.isRegularFile(candidate) && staysInside(root, candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The relative path of {@code file} under the root holding it (the form the Image Server is sent). */
    public Optional<String> relativize(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        for (Path root : roots) {
            if (normalized.startsWith(root) && !normalized.equals(root)) {
                return Optional.of(root.relativize(normalized).toString().replace('\\', '/'));
            }
        }
        return Optional.empty();
    }

    private static boolean staysInside(Path root, Path candidate) {
        try {
            Path realRoot = root.toRealPath();
            return candidate.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }
}
