package org.imageserving.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;

/** Turns raw setting text into typed values; a bad value becomes one line saying what is allowed. */
final class Values {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** What -Xmx accepts: a byte count with an optional k, m, g or t (either case). */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");
    private static final Pattern JVM_SIZE = Pattern.compile("\\d{1,15}[kKmMgGtT]?");
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final long MAX_SECONDS = 1_000_000_000L;

    private Values() {}

    static int integer(Setting s) throws ConfigException {
        String v = s.value().trim();
        if (!WHOLE.matcher(v).matches()) {
            throw s.invalid("must be a whole number");
        }
        long n = Long.parseLong(v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw s.invalid("is too large");
        }
        return (int) n;
    }

    static int atLeast(Setting s, int min) throws ConfigException {
        int n = integer(s);
        if (n < min) {
            throw s.invalid("must be >= " + min);
        }
        return n;
    }

    /** A TCP port; {@code lowest} is 0 where 0 means "any free port" or "off", else 1. */
    static int port(Setting s, int lowest) throws ConfigException {
        String rule = "must be a port number " + lowest + "-65535";
        if (!WHOLE.matcher(s.value().trim()).matches()) {
            throw s.invalid(rule);
        }
        long n = Long.parseLong(s.value().trim());
        if (n < lowest || n > 65535) {
            throw s.invalid(rule);
        }
        return (int) n;
    }

    /** Seconds, decimals allowed ("0.5"); {@code positive} forbids zero as well as negatives. */
    static Duration seconds(Setting s, boolean positive) throws ConfigException {
        String v = s.value().trim();
        if (!DECIMAL.matcher(v).matches()) {
            throw s.invalid("must be a number of seconds, such as 30 or 0.5");
        }
        BigDecimal seconds = new BigDecimal(v);
        if (seconds.signum() < 0 || positive && seconds.signum() == 0) {
            throw s.invalid(positive ? "must be > 0 seconds" : "must be >= 0 seconds");
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw s.invalid("must be at most " + MAX_SECONDS + " seconds");
        }
        return Duration.ofNanos(seconds.setScale(9, RoundingMode.HALF_UP).unscaledValue().longValueExact());
    }

    /** A duration as the file writes it: whole or decimal seconds ("30", "0.5"). */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }

    /** A JVM heap size for -Xmx: "256m", "2g", "1048576". */
    static String heap(Setting s) throws ConfigException {
        String v = s.value().trim();
        if (!JVM_SIZE.matcher(v).matches() || Long.parseLong(v.replaceAll("\\D", "")) == 0) {
            throw s.invalid("must be a JVM heap size such as 256m or 2g (digits, then optionally k, m, g or t)");
        }
        return v;
    }

    /**
     * A user or group to run a server as: a portable POSIX name (letters, digits, '.', '_', '-'; not starting
     * with '-'; at most 32) or a numeric id. Whether it exists is the supervisor's question, at launch.
     */
    static String account(Setting s) throws ConfigException {
        String value = s.value().trim();
        if (!ACCOUNT.matcher(value).matches()) {
            throw s.invalid("must be a user or group name (letters, digits, '.', '_', '-'; at most 32) or a"
                    + " numeric id, such as imageserving");
        }
        return value;
    }

    static String javaClass(Setting s) throws ConfigException {
        String v = s.value().trim();
        if (!JAVA_CLASS.matcher(v).matches()) {
            throw s.invalid("must be a fully qualified Java class name, such as org.example.Main");
        }
        return v;
    }

    /** An http:// or https:// URL with a host. */
    static URI httpUrl(Setting s) throws ConfigException {
        String rule = "must be an http:// URL with a host, such as http://127.0.0.1:8080/health";
        try {
            URI url = new URI(s.value().trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw s.invalid(rule);
            }
            return url;
        } catch (URISyntaxException e) {
            throw s.invalid(rule + " (" + e.getReason() + ")");
        }
    }

    /** The port an http(s) URL connects to, explicit or implied by its scheme. */
    static int portOf(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    static boolean bool(Setting s) throws ConfigException {
        return switch (s.value().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw s.invalid("must be true or false");
        };
    }

    static Mode policy(Setting s) throws ConfigException {
        String v = s.value().trim();
        return Arrays.stream(Mode.values())
                .filter(m -> policy(m).equals(v))
                .findFirst()
                .orElseThrow(() -> s.invalid("must be one of "
                        + Arrays.stream(Mode.values()).map(Values::policy).collect(Collectors.joining(", "))));
    }

    static String policy(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** Exit codes separated by commas ("0,2"); empty means none is expected. */
    static Set<Integer> exitCodes(Setting s) throws ConfigException {
        Set<Integer> codes = new LinkedHashSet<>();
        if (s.value().isBlank()) {
            return codes;
        }
        for (String part : s.value().split(",", -1)) {
            if (!WHOLE.matcher(part.trim()).matches()) {
                throw s.invalid("must be whole numbers separated by commas, such as 0,2");
            }
            long code = Long.parseLong(part.trim());
            if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
                throw s.invalid("must be whole numbers separated by commas, such as 0,2");
            }
            codes.add((int) code);
        }
        return codes;
    }

    static String exitCodes(Collection<Integer> codes) {
        return codes.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
