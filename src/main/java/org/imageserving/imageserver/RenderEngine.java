package org.imageserving.imageserver;

import org.imageserving.stock.RenderRequest;

/**
 * What turns a {@link RenderRequest} into an encoded image: the pure-Java {@link RenderPipeline} or the
 * libvips {@link VipsEngine}. One is chosen when the Image Server starts ({@link RenderEngines}) and
 * serves every request; both settle the geometry with {@link ViewLayout}, so they answer the same sizes.
 */
interface RenderEngine {

    /** "java" or "vips 8.14.1": what the logs, the install check and req=props report. */
    String name();

    RenderPipeline.Result render(RenderRequest request) throws RenderException;

    /** The reply's size from the source's header alone (req=props). */
    ViewLayout layout(RenderRequest request) throws RenderException;

    /** The source's own properties (req=imageprops). */
    RenderPipeline.SourceInfo info(String path) throws RenderException;
}
