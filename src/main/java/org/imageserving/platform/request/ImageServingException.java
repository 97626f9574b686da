package org.imageserving.platform.request;

/**
 * A request the Platform Server answers with an error: a short title for the public (ErrorDetail 0/1),
 * a detail line for staging servers (ErrorDetail 2/3), and the access log's ProcessingStatus.
 */
public final class ImageServingException extends Exception {

    /** What went wrong; the HTTP status follows PlatformServer.conf {@code errorStatus}. */
    public enum Kind {
        NOT_FOUND("Image or catalog entry not found", 404, 1),
        BAD_REQUEST("Invalid request", 400, 2),
        TOO_LARGE("Image size limit exceeded", 400, 2),
        UNAVAILABLE("Image Server unavailable, retry shortly", 503, 4),
        /** Reached, but no reply within the deadline: hung, not restarting, so never held (see RenderHold). */
        NO_REPLY("Image Server unavailable, retry shortly", 503, 4),
        INTERNAL("Server error", 500, 3);

        private final String title;
        private final int httpStatus;
        private final int processingStatus;

        Kind(String title, int httpStatus, int processingStatus) {
            this.title = title;
            this.httpStatus = httpStatus;
            this.processingStatus = processingStatus;
        }

        public String title() {
            return title;
        }

        /** The status of PlatformServer.conf {@code errorStatus=http}. */
        public int httpStatus() {
            return httpStatus;
        }

        /** Adobe's access-log ProcessingStatus: 1 not found, 2 protocol/content error, 3 server error, 4 overload. */
        public int processingStatus() {
            return processingStatus;
        }
    }

    private final Kind kind;

    public ImageServingException(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The reply line for this ErrorDetail level. */
    public String message(int errorDetail) {
        String detail = getMessage();
        return errorDetail >= 2 && detail != null && !detail.isBlank() ? kind.title() + ": " + detail : kind.title();
    }
}
