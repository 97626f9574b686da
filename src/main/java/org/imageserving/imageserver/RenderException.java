package org.imageserving.imageserver;

/** A render that cannot be done, with the HTTP status the Image Server answers and a one-line reason. */
public final class RenderException extends Exception {

    /** Why, as the status the Platform Server maps onto its catalog's error handling. */
    public enum Kind {
        BAD_REQUEST(400), NOT_FOUND(404), TOO_LARGE(413), UNDECODABLE(415), BUSY(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public RenderException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
