package org.imageserving.platform.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.request.ImageServingException.Kind;

/**
 * Turns a request's modifiers into {@link Commands}, following Adobe's syntax:
 * <pre>
 * modifiers = modifier *( "&amp;" modifier )      modifier = command | "$" macro "$" | "." comment
 * command   = ( cmdName | "$" var ) [ "=" value ]
 * </pre>
 * Command, macro and variable names are case-insensitive; values keep their case. URL values are
 * percent-decoded after splitting ('+' stays '+'); catalog fields and macro definitions are not encoded.
 * Precedence, lowest first: catalog::Modifier, the URL, catalog::PostModifier — the last occurrence of a
 * command wins, so a macro's commands override the same command only when it appeared before the macro.
 * {@code $var=value} defines a variable, {@code $var$} inside any value is replaced by it.
 *
 * <p>Every expansion is bounded, because a few kilobytes of request could otherwise ask for megabytes of
 * reply (a 3,500-character variable referenced 1,300 times): macros nest at most {@link #MAX_DEPTH} deep,
 * a variable's value is inserted as it is (never expanded again, so variables nest one level only), at most
 * {@link #MAX_SUBSTITUTIONS} references are replaced, no value grows beyond {@link #MAX_VALUE_CHARS} and the
 * expanded request beyond {@link #MAX_EXPANDED_CHARS}. Going over any of them is a bad request naming the limit.
 */
public final class CommandParser {

    private static final Pattern MACRO = Pattern.compile("\\$([A-Za-z0-9._-]+)\\$");
    private static final Pattern NAME = Pattern.compile("\\$?[A-Za-z][A-Za-z0-9_.-]*");
    private static final int MAX_DEPTH = 8;
    private static final int MAX_COMMANDS = 500;
    /** Variable references replaced in one request. */
    public static final int MAX_SUBSTITUTIONS = 256;
    /** Characters of one command's value after expansion. */
    public static final int MAX_VALUE_CHARS = 8 * 1024;
    /** Characters of all values together after expansion (what req=resolve would echo). */
    public static final int MAX_EXPANDED_CHARS = 64 * 1024;

    private CommandParser() {
    }

    /** A command, or with {@code variable} set a {@code $var=value} definition. */
    private record Token(String name, String value, boolean variable) {}

    public static Commands parse(String rawQuery, String modifier, String postModifier, Catalog catalog) throws ImageServingException {
        List<Token> tokens = new ArrayList<>();
        split(modifier, false, catalog, tokens, 0);
        split(rawQuery, true, catalog, tokens, 0);
        split(postModifier, false, catalog, tokens, 0);
        Map<String, String> variables = new HashMap<>();
        for (Token t : tokens) {
            if (t.variable()) {
                variables.put(t.name().toLowerCase(Locale.ROOT), t.value());
            }
        }
        Commands commands = new Commands();
        Expansion budget = new Expansion();
        for (Token t : tokens) {
            if (!t.variable()) {
                commands.put(t.name(), substitute(t.name(), t.value(), variables, budget));
            }
        }
        return commands;
    }

    private static void split(String text, boolean encoded, Catalog catalog, List<Token> tokens, int depth) throws ImageServingException {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String piece : text.split("&")) {
            if (piece.isEmpty() || piece.startsWith(".")) {
                continue; // empty, or a comment
            }
            if (tokens.size() >= MAX_COMMANDS) {
                throw new ImageServingException(Kind.BAD_REQUEST, "more than " + MAX_COMMANDS + " commands");
            }
            Matcher macro = MACRO.matcher(piece);
            if (macro.matches()) {
                expand(macro.group(1), catalog, tokens, depth);
                continue;
            }
            int eq = piece.indexOf('=');
            String name = eq < 0 ? piece : piece.substring(0, eq);
            String value = eq < 0 ? "" : piece.substring(eq + 1);
            if (encoded) {
                name = decode(name);
                value = decode(value);
                if (hasControl(value)) {
                    throw new ImageServingException(Kind.BAD_REQUEST, name + "= holds control characters");
                }
            }
            if (!NAME.matcher(name).matches()) {
                throw new ImageServingException(Kind.BAD_REQUEST, "[" + abbreviate(name) + "] is not a command name");
            }
            boolean variable = name.startsWith("$");
            tokens.add(new Token(variable ? name.substring(1) : name, value, variable));
        }
    }

    private static void expand(String macroName, Catalog catalog, List<Token> tokens, int depth) throws ImageServingException {
        if (depth >= MAX_DEPTH) {
            throw new ImageServingException(Kind.BAD_REQUEST, "macro $" + macroName + "$ nests deeper than " + MAX_DEPTH + " levels");
        }
        String definition = catalog.macro(macroName)
                .orElseThrow(() -> new ImageServingException(Kind.BAD_REQUEST, "unknown macro $" + macroName + "$"));
        split(definition, false, catalog, tokens, depth + 1);
    }

    /** What the expansion of one request has spent so far. */
    private static final class Expansion {
        int substitutions;
        long chars;
    }

    private static String substitute(String name, String value, Map<String, String> variables, Expansion budget)
            throws ImageServingException {
        String result = value;
        if (!variables.isEmpty() && value.indexOf('$') >= 0) {
            Matcher m = MACRO.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = variables.get(m.group(1).toLowerCase(Locale.ROOT));
                if (replacement != null && ++budget.substitutions > MAX_SUBSTITUTIONS) {
                    throw new ImageServingException(Kind.BAD_REQUEST, "more than " + MAX_SUBSTITUTIONS + " $variable$ references");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
                if (out.length() > MAX_VALUE_CHARS) {
                    throw new ImageServingException(Kind.BAD_REQUEST, abbreviate(name) + "= expands beyond " + MAX_VALUE_CHARS + " characters");
                }
            }
            m.appendTail(out);
            result = out.toString();
        }
        if (result.length() > MAX_VALUE_CHARS) {
            throw new ImageServingException(Kind.BAD_REQUEST, abbreviate(name) + "= expands beyond " + MAX_VALUE_CHARS + " characters");
        }
        budget.chars += name.length() + result.length();
        if (budget.chars > MAX_EXPANDED_CHARS) {
            throw new ImageServingException(Kind.BAD_REQUEST, "the request expands beyond " + MAX_EXPANDED_CHARS + " characters");
        }
        return result;
    }

    /** Percent-decoding as UTF-8; '+' is a plus sign. A broken escape is a bad request. */
    public static String decode(String text) throws ImageServingException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new ImageServingException(Kind.BAD_REQUEST, "malformed %-escape in [" + abbreviate(text) + "]");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] b = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 40; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 40 ? out + "…" : out.toString();
    }
}
