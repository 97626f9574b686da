package org.imageserving.platform.catalog;

/**
 * One row of an image data file: {@code catalog::Id} and the fields this server uses. Empty fields are
 * empty strings; {@code expiration} is null when the row leaves it to {@code attribute::Expiration}.
 */
public record CatalogRecord(String id, String path, String modifier, String postModifier, Double expiration,
        String timeStamp, String userData) {
}
