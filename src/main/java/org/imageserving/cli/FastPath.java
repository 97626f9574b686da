package org.imageserving.cli;

/**
 * Recognises the plain shapes of the most frequent command, {@code status [<id>] [--json]}, so that it runs
 * without picocli: picocli cannot be put in a CDS archive (its classes are Java 5 bytecode) and costs about
 * 90 ms of a 35 ms JVM start on the reference machine. Anything else (another command, any other option,
 * {@code --help}, a second id) goes to picocli, which parses these shapes the same way (a test holds the two
 * together).
 */
final class FastPath {
    private FastPath() {}

    record Status(String serverId, boolean json) {}

    /** The status request, or null when picocli must parse these arguments. */
    static Status status(String[] args) {
        if (args.length == 0 || !args[0].equals("status") || args.length > 3) {
            return null;
        }
        boolean json = false;
        String id = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json") && !json) {
                json = true;
            } else if (!arg.isEmpty() && arg.charAt(0) != '-' && arg.charAt(0) != '@' && id == null) {
                id = arg;
            } else {
                return null;
            }
        }
        return new Status(id, json);
    }
}
