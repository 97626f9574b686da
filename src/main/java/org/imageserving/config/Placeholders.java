package org.imageserving.config;

import org.imageserving.install.Homes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${imageserving.home}} and {@code ${imageserving.base}} in arguments, commands, working
 * directories, URLs and environment values. Other {@code ${…}} text is left alone, so a shell command may
 * keep its own variables; a misspelt {@code ${imageserving.…}} is an error rather than a silent blank.
 */
final class Placeholders {
    static final String HOME = "${imageserving.home}";
    static final String BASE = "${imageserving.base}";
    private static final Pattern OURS = Pattern.compile("\\$\\{imageserving\\.([^}]*)}");

    private final Homes homes;

    Placeholders(Homes homes) {
        this.homes = homes;
    }

    String expand(Setting s) throws ConfigException {
        Matcher m = OURS.matcher(s.value());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "home" -> homes.home().toString();
                case "base" -> homes.base().toString();
                default -> throw s.invalid("uses the unknown placeholder " + m.group()
                        + "; allowed: " + HOME + ", " + BASE);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
