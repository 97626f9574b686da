package org.imageserving.jmx.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;

/**
 * conf/jmxremote.password and conf/jmxremote.access, in the JDK's formats. Made from jmx-templates/ on first
 * start, with a fresh random password wherever the template says {@value #PASSWORD_TOKEN}, atomically and with
 * mode 0600 from the first byte. A file that group or others may read is refused: the JDK only checks that
 * for its own out-of-the-box agent, not for a connector built in code like ours.
 */
public final class CredentialFiles {
    public static final String PASSWORD_FILE = "jmxremote.password";
    public static final String ACCESS_FILE = "jmxremote.access";
    static final String PASSWORD_TOKEN = "@GENERATED_PASSWORD@";
    private static final String TEMPLATE_SUFFIX = ".template";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Logger LOG = LogManager.getLogger(CredentialFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path conf;
    private final Path templates;

    public CredentialFiles(Path conf, Path templates) {
        this.conf = conf;
        this.templates = templates;
    }

    public CredentialFiles(Homes homes) {
        this(homes.conf(), homes.jmxTemplates());
    }

    public Path passwordFile() {
        return conf.resolve(PASSWORD_FILE);
    }

    public Path accessFile() {
        return conf.resolve(ACCESS_FILE);
    }

    /** Creates what is missing, refuses files others can read, and reads the accounts. */
    public Accounts prepare() throws ConfigException {
        createIfMissing(passwordFile());
        createIfMissing(accessFile());
        requireOwnerOnly(passwordFile());
        requireOwnerOnly(accessFile());
        return new Accounts(CredentialParser.passwords(passwordFile()), CredentialParser.roles(accessFile()));
    }

    private void createIfMissing(Path file) throws ConfigException {
        if (Files.exists(file)) {
            return;
        }
        Path template = templates.resolve(file.getFileName() + TEMPLATE_SUFFIX);
        String text;
        try {
            text = withFreshPasswords(Files.readString(template, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + " is missing and its template " + template + " cannot be read ("
                    + e.getMessage() + "); fix: restore jmx-templates/ in IMAGESERVING_HOME, or write " + file);
        }
        try {
            writeOwnerOnly(file, text);
        } catch (IOException e) {
            throw new ConfigException("cannot create " + file + " (" + e + "); fix: make " + conf
                    + " writable by the user running the supervisor");
        }
        LOG.info("created {} from {} (mode 0600)", file, template);
    }

    /** Every token gets its own password: 24 URL-safe characters, 144 random bits. */
    static String withFreshPasswords(String template) {
        Matcher matcher = Pattern.compile(Pattern.quote(PASSWORD_TOKEN)).matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            matcher.appendReplacement(out, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * Written to a 0600 temporary file beside the target, then linked into place: the file is never visible
     * half-written or with a wider mode, and a file another process made first is kept, not replaced.
     */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temp = posix
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                LOG.info("{} appeared meanwhile; keeping it", file);
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void requireOwnerOnly(Path file) throws ConfigException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not POSIX (Windows): protect the file with its ACL, as the JDK's own agent asks
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ConfigException("cannot read the mode of " + file + ": " + e.getMessage());
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new ConfigException(file + " has mode " + octal(permissions)
                    + " but holds credentials: only its owner may read it; fix: chmod 600 " + file);
        }
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400 ... OTHERS_EXECUTE is 8 = 0001
        }
        return String.format("%04o", mode);
    }
}
