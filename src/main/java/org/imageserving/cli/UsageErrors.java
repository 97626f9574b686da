package org.imageserving.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import org.imageserving.exit.ExitCode;

/**
 * A command line that does not parse: one line saying what is wrong (in the operator's language for the usual
 * cases), a suggestion when picocli has one, where to read more, and exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {
    private final CliContext ctx;

    UsageErrors(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        Messages messages = ctx.messages();
        CommandLine command = problem.getCommandLine();
        ctx.err().println(describe(problem, messages));
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            ctx.err().println(messages.get("usage.suggestions", String.join(", ", unmatched.getSuggestions())));
        }
        ctx.err().println(messages.get("usage.seeHelp", command.getCommandSpec().qualifiedName(" ")));
        return ExitCode.USAGE.code();
    }

    static String describe(ParameterException problem, Messages messages) {
        if (problem instanceof UnmatchedArgumentException unmatched) {
            return messages.get("usage.unknownArgument", String.join(" ", unmatched.getUnmatched()));
        }
        if (problem instanceof MissingParameterException missing) {
            StringBuilder labels = new StringBuilder();
            missing.getMissing().forEach(arg -> labels.append(labels.length() > 0 ? ", " : "").append(arg.paramLabel()));
            return messages.get("usage.missing", labels);
        }
        return messages.get("usage.invalid", problem.getMessage());
    }
}
