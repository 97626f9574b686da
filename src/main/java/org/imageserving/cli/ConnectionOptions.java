package org.imageserving.cli;

import java.nio.file.Path;

/**
 * How the operator asked to reach a supervisor: {@code --url}, {@code --user}, {@code --password-file}; each
 * null when not given (the environment and this instance's files fill the gaps, see {@link JmxTarget}).
 */
record ConnectionOptions(String url, String user, Path passwordFile) {
    static final ConnectionOptions NONE = new ConnectionOptions(null, null, null);
}
