package org.imageserving.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for the commands under ImageServing (the version option belongs to the top only). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "mixinStandardHelpOptions.help")
    boolean help;
}
