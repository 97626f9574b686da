package org.imageserving.cli;

import java.util.concurrent.Callable;
import org.imageserving.install.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;
import org.imageserving.exit.ExitCode;

/** {@code version}: this install's version and the Java running it (the same text as {@code --version}). */
@Command(name = "version")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        for (String line : lines()) {
            root.ctx.out().println(line);
        }
        return ExitCode.OK.code();
    }

    static String[] lines() {
        String version = Version.manifestVersion();
        return new String[] {
            "ImageServing " + (version != null ? version : "(development build)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")"};
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
