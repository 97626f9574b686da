package org.imageserving.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.imageserving.install.Homes;

/**
 * Everything a command reads from the world outside its arguments: the install and instance directories, the
 * environment and system properties, the operator's language, the output streams, and whether a person is
 * watching (progress lines are redrawn in place on a terminal only). Tests build one by hand.
 */
record CliContext(Homes homes, Map<String, String> env, Properties props, Messages messages, PrintStream out,
        PrintStream err, Charset charset, boolean terminal) {

    /** Set by bin/ImageServing: the script itself, so that `start` can launch `ImageServing run` detached. */
    static final String SCRIPT_PROPERTY = "imageserving.script";

    static CliContext fromSystem() {
        Map<String, String> env = System.getenv();
        Properties props = System.getProperties();
        CliLocale locale = CliLocale.from(env);
        Charset charset = locale.charset() != null ? locale.charset() : Charset.defaultCharset();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new CliContext(Homes.resolve(env, props), env, props, Messages.forLocale(locale.locale()), out, err,
                charset, System.console() != null);
    }

    Path script() {
        String script = props.getProperty(SCRIPT_PROPERTY);
        return script == null || script.isEmpty() ? homes.home().resolve("bin").resolve("ImageServing") : Path.of(script);
    }

    String envOrNull(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
