package org.imageserving.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The operator-facing lines of the control script, from {@code Messages[_fr|_es|_nl].properties}. Every
 * pattern goes through {@link MessageFormat}, so translators always double a straight apostrophe ({@code ''});
 * numbers are passed as text so that a pid never gets a thousands separator.
 */
final class Messages {
    static final String BUNDLE = "org.imageserving.cli.Messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    static Messages forLocale(Locale locale) {
        return new Messages(load(BUNDLE, locale), locale);
    }

    /**
     * Loads a properties bundle for exactly this locale's chain (fr_FR, fr, root) without falling back to the
     * JVM's default locale, and without probing for class-based bundles first (both cost start-up time).
     */
    static ResourceBundle load(String baseName, Locale locale) {
        return ResourceBundle.getBundle(baseName, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            return key; // a missing translation must never hide the failure being reported
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof Number ? args[i].toString() : args[i];
        }
        return new MessageFormat(pattern, locale).format(texts);
    }
}
