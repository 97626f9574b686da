package org.imageserving.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The operator-facing lines of the control script: {@link MessageTexts} (English) and its translations
 * {@code MessageTexts_<language>}. Every pattern goes through {@link MessageFormat}, so translators always
 * double a straight apostrophe; numbers are passed as text so that a pid never gets a thousands separator.
 *
 * <p>The translation is found by class name, without ResourceBundle.getBundle: its cache keys, controls and
 * candidate probing cost milliseconds of every `status`, and a language is all there is to choose.
 */
final class Messages {
    private final ResourceBundle texts;
    private final ResourceBundle english;
    private final Locale locale;

    private Messages(ResourceBundle texts, ResourceBundle english, Locale locale) {
        this.texts = texts;
        this.english = english;
        this.locale = locale;
    }

    static Messages forLocale(Locale locale) {
        ResourceBundle english = new MessageTexts();
        ResourceBundle translated = translation(locale.getLanguage());
        return new Messages(translated != null ? translated : english, english, locale);
    }

    /** {@code MessageTexts_fr} for "fr"; null when there is no such translation (English then). */
    static ResourceBundle translation(String language) {
        if (language.isEmpty() || language.equals("en")) {
            return null;
        }
        try {
            Class<?> type = Class.forName(MessageTexts.class.getName().concat("_").concat(language));
            return (ResourceBundle) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException noTranslation) {
            return null;
        }
    }

    /** A properties bundle (the help texts for picocli) for this locale's chain, without the JVM default's. */
    static ResourceBundle load(String baseName, Locale locale) {
        return ResourceBundle.getBundle(baseName, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        String pattern = pattern(key);
        if (args.length == 0 && pattern.indexOf('\'') < 0 && pattern.indexOf('{') < 0) {
            return pattern; // what MessageFormat would return, without parsing it (the status table's headers)
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof Number ? args[i].toString() : args[i];
        }
        return new MessageFormat(pattern, locale).format(texts);
    }

    private String pattern(String key) {
        try {
            return texts.getString(key);
        } catch (MissingResourceException untranslated) {
            try {
                return english.getString(key);
            } catch (MissingResourceException missing) {
                return key; // a missing text must never hide the failure being reported
            }
        }
    }
}
