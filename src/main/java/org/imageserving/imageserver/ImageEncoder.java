package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.OutputFormat;
import org.w3c.dom.NodeList;

/**
 * Encodes the view image with the JDK's ImageIO writers (fmt=, qlt=): JPEG with its quality and the
 * chroma flag (qlt=q,1 writes 4:4:4 instead of 4:2:0), progressive for pjpeg; PNG at a moderate deflate
 * level (faster than the default, a few percent larger); GIF through ImageIO's palette builder; TIFF
 * with the requested compression. Alpha formats keep transparency, the others arrive flattened.
 */
final class ImageEncoder {

    /** PNG compression "quality": ImageIO maps 1-q onto the deflate level; 0.5 is about level 4. */
    private static final float PNG_QUALITY = 0.5f;

    private ImageEncoder() {
    }

    /** Refuses, before any decoding, the formats the JDK cannot write (the libvips engine writes them). */
    static void checkSupported(OutputFormat format) throws RenderException {
        switch (format.type()) {
            case WEBP, WEBP_ALPHA, AVIF, AVIF_ALPHA -> throw new RenderException(Kind.BAD_REQUEST, "fmt=" + format.type().token()
                    + " is not supported by the java render engine (the JDK has no " + format.type().token()
                    + " writer; the libvips engine writes it when libvips is installed)");
            default -> { }
        }
    }

    static byte[] encode(BufferedImage image, OutputFormat format, int quality, boolean fullChroma) throws RenderException {
        checkSupported(format);
        BufferedImage pixels = prepare(image, format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            switch (format.type()) {
                case JPEG, PJPEG -> writeJpeg(pixels, out, quality, fullChroma, format.type() == OutputFormat.Type.PJPEG);
                case PNG, PNG_ALPHA -> write("png", pixels, out, param -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(PNG_QUALITY);
                });
                case GIF, GIF_ALPHA -> write("gif", pixels, out, param -> { });
                case TIF, TIF_ALPHA -> write("tif", pixels, out, param -> tiffCompression(param, format.compression()));
                default -> throw new IOException("no writer");
            }
        } catch (IOException | RuntimeException e) {
            throw new RenderException(Kind.BAD_REQUEST, "cannot encode " + format.type().token() + ": " + e.getMessage());
        }
        return bytes.toByteArray();
    }

    /** Gray or colour, straight alpha for the alpha formats (the writers expect it). */
    private static BufferedImage prepare(BufferedImage image, OutputFormat format) {
        if (format.gray() && !format.type().alpha()) {
            return Pixels.gray(image);
        }
        if (Pixels.hasAlpha(image)) {
            return Pixels.straightAlpha(image);
        }
        return image;
    }

    private interface ParamSetup {
        void apply(ImageWriteParam param);
    }

    private static void write(String formatName, BufferedImage image, ImageOutputStream out, ParamSetup setup) throws IOException {
        ImageWriter writer = writer(formatName);
        try {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                setup.apply(param);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static void writeJpeg(BufferedImage image, ImageOutputStream out, int quality, boolean fullChroma, boolean progressive)
            throws IOException {
        ImageWriter writer = writer("jpeg");
        try {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = null;
            if (fullChroma && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
                disableChromaSubsampling(metadata);
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /** Sets every component's sampling factors to 1 (4:4:4) in the JPEG metadata's frame header. */
    private static void disableChromaSubsampling(IIOMetadata metadata) throws IOException {
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        NodeList components = root.getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            IIOMetadataNode component = (IIOMetadataNode) components.item(i);
            component.setAttribute("HsamplingFactor", "1");
            component.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, root);
    }

    private static void tiffCompression(ImageWriteParam param, String compression) {
        String type = switch (compression) {
            case "lzw" -> "LZW";
            case "zip" -> "Deflate";
            case "jpeg" -> "JPEG";
            default -> null;
        };
        if (type == null) {
            param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            return;
        }
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(type);
    }

    /** The JDK's writer for the format (TwelveMonkeys registers some too; the JDK's are the fast ones). */
    private static ImageWriter writer(String formatName) throws IOException {
        ImageWriter fallback = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return writer;
            }
            if (fallback == null) {
                fallback = writer;
            } else {
                writer.dispose();
            }
        }
        if (fallback == null) {
            throw new IOException("no ImageIO writer for " + formatName);
        }
        return fallback;
    }
}
