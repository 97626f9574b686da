package org.imageserving.stock;

/** Bad command line or configuration of a stock server: one line for the operator, exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
