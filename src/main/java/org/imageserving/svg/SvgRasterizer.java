package org.imageserving.svg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.batik.bridge.ExternalResourceSecurity;
import org.apache.batik.bridge.NoLoadScriptSecurity;
import org.apache.batik.bridge.ScriptSecurity;
import org.apache.batik.bridge.UserAgent;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;
import org.apache.batik.util.ParsedURL;

/**
 * Batik 1.19 rendering one SVG document into a premultiplied ARGB image of exactly the requested size
 * (aspect ratio kept by the document's preserveAspectRatio, the rest transparent). Sandboxed: no script
 * ever runs, and the only external resources a document may load are {@code data:} URLs and files under
 * the image roots — nothing from the network, nothing elsewhere on disk.
 */
final class SvgRasterizer {

    private final List<Path> roots;

    SvgRasterizer(List<Path> roots) {
        this.roots = roots.stream().map(SvgRasterizer::real).toList();
    }

    /** Renders {@code svg}, whose own location (for relative references) is {@code documentUri}. */
    BufferedImage rasterize(byte[] svg, String documentUri, int width, int height) throws TranscoderException {
        Transcoder transcoder = new Transcoder();
        transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) width);
        transcoder.addTranscodingHint(ImageTranscoder.KEY_HEIGHT, (float) height);
        transcoder.addTranscodingHint(ImageTranscoder.KEY_EXECUTE_ONLOAD, Boolean.FALSE);
        transcoder.addTranscodingHint(ImageTranscoder.KEY_ALLOWED_SCRIPT_TYPES, "");
        transcoder.addTranscodingHint(ImageTranscoder.KEY_CONSTRAIN_SCRIPT_ORIGIN, Boolean.TRUE);
        TranscoderInput input = new TranscoderInput(new ByteArrayInputStream(svg));
        input.setURI(documentUri);
        transcoder.transcode(input, new TranscoderOutput());
        BufferedImage image = transcoder.image;
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            BufferedImage exact = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
            if (image != null) {
                exact.createGraphics().drawImage(image, 0, 0, null);
            }
            return exact;
        }
        return image;
    }

    /** Keeps the rendered image in memory instead of encoding it (Batik's PNG encoder is the slow part). */
    private final class Transcoder extends ImageTranscoder {
        private BufferedImage image;

        @Override
        public BufferedImage createImage(int w, int h) {
            return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
        }

        @Override
        public void writeImage(BufferedImage img, TranscoderOutput output) {
            this.image = img;
        }

        @Override
        protected UserAgent createUserAgent() {
            return new SVGAbstractTranscoderUserAgent() {
                @Override
                public ScriptSecurity getScriptSecurity(String scriptType, ParsedURL scriptUrl, ParsedURL documentUrl) {
                    return new NoLoadScriptSecurity(scriptType);
                }

                @Override
                public ExternalResourceSecurity getExternalResourceSecurity(ParsedURL resourceUrl, ParsedURL documentUrl) {
                    return () -> checkResource(resourceUrl);
                }

                @Override
                public void displayMessage(String message) {
                    // Batik's chatter is not an error
                }
            };
        }
    }

    private void checkResource(ParsedURL url) {
        String protocol = url == null ? null : url.getProtocol();
        if ("data".equals(protocol)) {
            return;
        }
        if ("file".equals(protocol)) {
            try {
                Path file = real(Paths.get(new java.net.URI("file", null, url.getPath(), null)));
                for (Path root : roots) {
                    if (file.startsWith(root) && Files.isRegularFile(file)) {
                        return;
                    }
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // refused below
            }
        }
        throw new SecurityException("external resource refused: " + (url == null ? "?" : url.getProtocol() + ":…"));
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
