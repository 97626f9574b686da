package org.imageserving.stock;

import org.imageserving.install.Homes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shared secret by which the render servers (is, svg) know that a request comes from a stock server (ps, or
 * is calling svg) and not from any other local process: 32 random bytes in hex in {@code run/render.key} under the
 * instance base, mode 0600. Whichever server of the instance starts first creates it (atomically: written to a
 * temporary file, then hard-linked into place, so no reader ever sees it half written); the others read it. It
 * travels only in the {@value #HEADER} request header on loopback, never on a command line or in a log. To rotate
 * it, delete the file and restart the stack.
 */
public final class RenderKey {

    /** The request header that carries the key. */
    public static final String HEADER = "X-ImageServing-Key";
    static final String FILE = "render.key";
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{64}");
    private static RenderKey shared;

    private final byte[] value;

    private RenderKey(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** The key of the instance this JVM belongs to (IMAGESERVING_BASE), read or created once. */
    public static synchronized RenderKey shared() {
        if (shared == null) {
            shared = of(Homes.resolve().base().resolve("run"));
        }
        return shared;
    }

    /** The key in {@code runDir}/render.key, created first if there is none (or none well formed). */
    static RenderKey of(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                if (Files.exists(file)) {
                    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                    if (WELL_FORMED.matcher(text).matches()) {
                        return new RenderKey(text);
                    }
                    Files.deleteIfExists(file); // truncated or edited: a fresh one below
                }
                create(runDir, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
        throw new IllegalStateException(file + " keeps changing under us");
    }

    private static void create(Path runDir, Path file) throws IOException {
        Files.createDirectories(runDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path temp = Files.createTempFile(runDir, FILE, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another server of the instance was first: read its key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The value to send in {@link #HEADER}. */
    /** The header that presents this key, for a {@code LoopbackHttpClient} of one stock server calling another. */
    public java.util.Map<String, String> header() {
        return java.util.Map.of(HEADER, value());
    }

    public String value() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** True when {@code presented} is this key (compared in constant time). */
    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.trim().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "RenderKey[hidden]";
    }
}
