package org.imageserving.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Runs the CLI in-process, as bin/ImageServing would, against one base directory; captures what it prints. */
final class Cli {
    private final Path home;
    private final Path base;
    private final Map<String, String> env = new HashMap<>();
    private Locale locale = Locale.ROOT;

    Cli(Path home, Path base) {
        this.home = home;
        this.base = base;
        env.put("PATH", System.getenv("PATH"));
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli locale(Locale locale) {
        this.locale = locale;
        return this;
    }

    /** The context a run gets, with its output discarded. */
    CliContext context() {
        Properties props = new Properties();
        props.setProperty("imageserving.home", home.toString());
        props.setProperty("imageserving.base", base.toString());
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CliContext(org.imageserving.install.Homes.resolve(env, props), Map.copyOf(env), props,
                Messages.forLocale(locale), discard, discard, StandardCharsets.UTF_8, false);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Properties props = new Properties();
        props.setProperty("imageserving.home", home.toString());
        props.setProperty("imageserving.base", base.toString());
        CliContext ctx = new CliContext(org.imageserving.install.Homes.resolve(env, props), Map.copyOf(env), props, Messages.forLocale(locale),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, false);
        int code = Main.run(args, ctx);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
