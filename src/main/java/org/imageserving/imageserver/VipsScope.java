package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayDeque;
import java.util.Deque;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * The GObjects of one render (sources, images, arrays), released together when it closes, newest first,
 * whether the render succeeded or not. Every libvips call that returns a new reference goes through
 * {@link #image} or {@link #keep}, so that nothing leaks on any path.
 */
final class VipsScope implements AutoCloseable {

    private static final int MAX_ERROR_CHARS = 300;

    /** A libvips call that writes a new image into {@code out} and returns 0 on success. */
    interface Call {
        int run(PointerByReference out);
    }

    private final Vips vips;
    private final Deque<Pointer> objects = new ArrayDeque<>();
    private final Deque<Pointer> areas = new ArrayDeque<>();
    private String hiddenPath;
    private String shownName;

    VipsScope(Vips vips) {
        this.vips = vips;
    }

    /** libvips names the file in its errors: the reply says {@code name} (the request's path) instead of its location. */
    void hide(String path, String name) {
        this.hiddenPath = path;
        this.shownName = name;
    }

    /** libvips' last error, one bounded line, without the source's location on disk. */
    String lastError() {
        String text = vips.lastError();
        if (hiddenPath != null) {
            text = text.replace(hiddenPath, shownName);
        }
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "…" : text;
    }

    /** Runs {@code call}; its image is released with the scope. A failure is a RenderException of {@code kind}. */
    Pointer image(Kind kind, String what, Call call) throws RenderException {
        PointerByReference out = new PointerByReference();
        int rc = call.run(out);
        Pointer image = out.getValue();
        if (image != null) {
            objects.push(image);
        }
        if (rc != 0 || image == null) {
            throw new RenderException(kind, what + ": " + lastError());
        }
        return image;
    }

    /** Takes ownership of a GObject reference; null means the call failed. */
    Pointer keep(Pointer object, Kind kind, String what) throws RenderException {
        if (object == null) {
            throw new RenderException(kind, what + ": " + lastError());
        }
        objects.push(object);
        return object;
    }

    /** A VipsArrayDouble released with the scope (vips_area_unref, not g_object_unref). */
    Pointer doubles(double... values) {
        Pointer array = vips.lib().vips_array_double_new(values, values.length);
        areas.push(array);
        return array;
    }

    @Override
    public void close() {
        LibVips lib = vips.lib();
        while (!objects.isEmpty()) {
            lib.g_object_unref(objects.pop());
        }
        while (!areas.isEmpty()) {
            lib.vips_area_unref(areas.pop());
        }
    }
}
