package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fleet: {@code --hosts <file|list>} and every {@code --url}. A hosts file has one host a line,
 * {@code name jolokia-url user password-file} (or {@code name jolokia-url}, the operator's account then), blank
 * lines and {@code #} comments allowed; a password file relative to the hosts file is found beside it. Passwords
 * are never in it: the password file has the format of {@code --password-file}. Anything else than an existing
 * file is a comma-separated list of {@code [name=]jolokia-url}. A bad line is one usage error naming file and line,
 * before any host is asked.
 */
final class FleetHosts {
    static final int MAX_HOSTS = 1000;
    static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_NAME = 63;

    private FleetHosts() {}

    /** The hosts of {@code --hosts} (a file if one exists there, else a list) followed by those of {@code --url}. */
    static List<FleetHost> of(String hosts, List<String> urls, Messages messages) {
        List<FleetHost> fleet = new ArrayList<>();
        if (hosts != null) {
            Path file = Path.of(hosts);
            if (Files.isRegularFile(file)) {
                fleet.addAll(read(file, messages));
            } else if (hosts.contains("://")) {
                for (String entry : hosts.split(",")) {
                    if (!entry.isBlank()) {
                        fleet.add(entry(entry.strip(), "--hosts", messages));
                    }
                }
            } else {
                throw new CliException(ExitCode.USAGE, messages.get("hosts.missing", hosts));
            }
        }
        for (String url : urls) {
            fleet.add(entry(url, "--url", messages));
        }
        if (fleet.isEmpty()) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.empty", hosts != null ? hosts : "--url"));
        }
        if (fleet.size() > MAX_HOSTS) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.tooMany", fleet.size(), MAX_HOSTS));
        }
        Set<String> names = new HashSet<>();
        for (FleetHost host : fleet) {
            if (!names.add(host.name())) {
                throw new CliException(ExitCode.USAGE, messages.get("hosts.duplicate", host.name()));
            }
        }
        return fleet;
    }

    static List<FleetHost> read(Path file, Messages messages) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new CliException(ExitCode.USAGE, messages.get("hosts.tooLarge", file, MAX_FILE_BYTES));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.missing", file));
        } catch (IOException unreadable) {
            throw new CliException(ExitCode.USAGE, messages.get("credentials.unreadable", file, unreadable.getMessage()));
        }
        List<FleetHost> hosts = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String where = file + ":" + number;
            String[] fields = Credentials.fields(content);
            if (fields.length != 4 && fields.length != 2) {
                throw new CliException(ExitCode.USAGE, messages.get("hosts.fields", where, fields.length));
            }
            String name = name(fields[0], where, messages);
            String url = url(fields[1], where, messages);
            if (fields.length == 2) {
                hosts.add(new FleetHost(name, url, null, null));
            } else {
                Path passwordFile = dir.resolve(fields[3]);
                hosts.add(new FleetHost(name, url, fields[2], passwordFile));
            }
        }
        return hosts;
    }

    /** {@code name=url} or a bare URL, named after its host and port. */
    static FleetHost entry(String entry, String where, Messages messages) {
        int equals = entry.indexOf('=');
        int scheme = entry.indexOf("://");
        if (equals > 0 && (scheme < 0 || equals < scheme)) {
            return new FleetHost(name(entry.substring(0, equals), where, messages),
                    url(entry.substring(equals + 1), where, messages), null, null);
        }
        String url = url(entry, where, messages);
        URI uri = URI.create(url);
        return new FleetHost(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort(), url, null, null);
    }

    /** Letters, digits, dot, dash, underscore, colon (host:port): safe in a table and in JSON keys. */
    static String name(String name, String where, Messages messages) {
        boolean ok = !name.isEmpty() && name.length() <= MAX_NAME;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_' || c == ':';
        }
        if (!ok) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.badName", where, Printable.text(name, 80), MAX_NAME));
        }
        return name;
    }

    /** An http:// URL with a host and no account in it (the password belongs in a password file). */
    static String url(String url, String where, Messages messages) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException bad) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.badUrl", where, Printable.url(url)));
        }
        if (uri.getRawUserInfo() != null) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.accountInUrl", where));
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() > 65535) {
            throw new CliException(ExitCode.USAGE, messages.get("hosts.badUrl", where, Printable.url(url)));
        }
        return url;
    }
}
