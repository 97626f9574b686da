package org.imageserving.imageserver;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libvips' C API (8.14, Debian 12's libvips42) that the {@link VipsEngine} calls, bound with
 * JNA. The operations are C varargs functions: their optional arguments go in {@code args} as name/value
 * pairs ending with {@code null}, ints for enums and gboolean, doubles for gdouble. Every image returned
 * through {@code out} is a new GObject reference that {@link VipsScope} releases; every buffer a saver
 * returns is freed with {@link #g_free}. Enum values are copied from the 8.14 headers.
 */
@SuppressWarnings({"checkstyle:MethodName", "checkstyle:ParameterName"})
interface LibVips extends Library {

    int ACCESS_SEQUENTIAL = 1;
    int FAIL_ON_TRUNCATED = 1;
    int FORMAT_UCHAR = 0;
    int FORMAT_USHORT = 2;
    int INTERPRETATION_B_W = 1;
    int INTERPRETATION_SRGB = 22;
    int EXTEND_BLACK = 0;
    int EXTEND_COPY = 1;
    int EXTEND_BACKGROUND = 5;
    int DIRECTION_HORIZONTAL = 0;
    int DIRECTION_VERTICAL = 1;
    int KERNEL_LINEAR = 1;
    int KERNEL_CUBIC = 2;
    int KERNEL_LANCZOS2 = 4;
    int KERNEL_LANCZOS3 = 5;
    int INTENT_RELATIVE = 1;
    int RELATIONAL_MOREEQ = 5;
    int SUBSAMPLE_ON = 1;
    int SUBSAMPLE_OFF = 2;
    int TIFF_COMPRESSION_NONE = 0;
    int TIFF_COMPRESSION_JPEG = 1;
    int TIFF_COMPRESSION_DEFLATE = 2;
    int TIFF_COMPRESSION_LZW = 5;
    int HEIF_COMPRESSION_AV1 = 4;

    // life cycle, settings and errors
    int vips_init(String argv0);

    String vips_version_string();

    String vips_error_buffer();

    void vips_error_clear();

    void vips_cache_set_max(int max);

    void vips_cache_set_max_mem(long maxBytes);

    void vips_cache_set_max_files(int maxFiles);

    void vips_concurrency_set(int concurrency);

    void vips_operation_block_set(String name, int state);

    long vips_tracked_get_mem();

    long vips_tracked_get_mem_highwater();

    void g_object_unref(Pointer object);

    void g_free(Pointer memory);

    // loading and the header
    Pointer vips_source_new_from_file(String filename);

    String vips_foreign_find_load_source(Pointer source);

    Pointer vips_image_new_from_source(Pointer source, String optionString, Object... args);

    int vips_image_get_width(Pointer image);

    int vips_image_get_height(Pointer image);

    int vips_image_get_bands(Pointer image);

    int vips_image_get_format(Pointer image);

    int vips_image_get_interpretation(Pointer image);

    int vips_image_hasalpha(Pointer image);

    long vips_image_get_typeof(Pointer image, String field);

    int vips_image_get_blob(Pointer image, String field, PointerByReference data, LongByReference length);

    Pointer vips_array_double_new(double[] values, int n);

    void vips_area_unref(Pointer area);

    Pointer vips_image_new_matrix_from_array(int width, int height, double[] values, int size);

    // operations
    int vips_extract_area(Pointer in, PointerByReference out, int left, int top, int width, int height, Object... args);

    int vips_embed(Pointer in, PointerByReference out, int x, int y, int width, int height, Object... args);

    int vips_flip(Pointer in, PointerByReference out, int direction, Object... args);

    int vips_rot(Pointer in, PointerByReference out, int angle, Object... args);

    int vips_resize(Pointer in, PointerByReference out, double scale, Object... args);

    int vips_premultiply(Pointer in, PointerByReference out, Object... args);

    int vips_unpremultiply(Pointer in, PointerByReference out, Object... args);

    int vips_cast(Pointer in, PointerByReference out, int format, Object... args);

    int vips_icc_transform(Pointer in, PointerByReference out, String outputProfile, Object... args);

    int vips_colourspace(Pointer in, PointerByReference out, int space, Object... args);

    int vips_flatten(Pointer in, PointerByReference out, Object... args);

    int vips_bandjoin_const1(Pointer in, PointerByReference out, double c, Object... args);

    int vips_extract_band(Pointer in, PointerByReference out, int band, Object... args);

    int vips_bandjoin2(Pointer in1, Pointer in2, PointerByReference out, Object... args);

    int vips_gaussblur(Pointer in, PointerByReference out, double sigma, Object... args);

    int vips_linear1(Pointer in, PointerByReference out, double a, double b, Object... args);

    int vips_subtract(Pointer left, Pointer right, PointerByReference out, Object... args);

    int vips_add(Pointer left, Pointer right, PointerByReference out, Object... args);

    int vips_abs(Pointer in, PointerByReference out, Object... args);

    int vips_relational_const1(Pointer in, PointerByReference out, int relational, double c, Object... args);

    int vips_ifthenelse(Pointer cond, Pointer in1, Pointer in2, PointerByReference out, Object... args);

    int vips_recomb(Pointer in, PointerByReference out, Pointer matrix, Object... args);

    // savers: *buf is g_malloc'd
    int vips_jpegsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);

    int vips_pngsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);

    int vips_webpsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);

    int vips_heifsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);

    int vips_gifsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);

    int vips_tiffsave_buffer(Pointer in, PointerByReference buf, LongByReference len, Object... args);
}
