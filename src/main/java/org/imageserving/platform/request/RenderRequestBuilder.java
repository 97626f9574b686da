package org.imageserving.platform.request;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.stock.BadValueException;
import org.imageserving.stock.CommandValues;
import org.imageserving.stock.Crop;
import org.imageserving.stock.Fit;
import org.imageserving.stock.Flip;
import org.imageserving.stock.OutputFormat;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.ResMode;
import org.imageserving.stock.Usm;

/**
 * Builds the Image Server's {@link RenderRequest} from the expanded commands, filling in the main
 * catalog's defaults (BkgColor, JpegQuality, ResMode, DefaultPix, MaxPix). Every value is checked here, so
 * a bad one is answered by the Platform Server without reaching the Image Server.
 */
public final class RenderRequestBuilder {

    /** Commands of the protocol this server does not implement and would otherwise silently ignore. */
    private static final Set<String> UNSUPPORTED = Set.of("layer", "src", "mask", "text", "textps", "rect", "rgn", "template",
            "extend", "perspective", "clippath", "effect");

    private RenderRequestBuilder() {
    }

    public static RenderRequest build(String source, Commands c, Catalog catalog) throws ImageServingException {
        for (String name : c.asMap().keySet()) {
            if (UNSUPPORTED.contains(name)) {
                throw new ImageServingException(Kind.BAD_REQUEST, name + "= is not supported by this server");
            }
        }
        try {
            Integer wid = dimension(c, "wid");
            Integer hei = dimension(c, "hei");
            Fit fit = c.get("fit").map(Fit::parse).orElse(null);
            if (fit != null && wid == null && hei == null) {
                throw new BadValueException("fit", c.get("fit").get(), "needs wid= and/or hei=");
            }
            double[] align = c.get("align").map(v -> CommandValues.reals("align", v, 2)).orElse(new double[] {0, 0});
            for (double a : align) {
                if (a < -1 || a > 1) {
                    throw new BadValueException("align", c.get("align").get(), "each value must lie in -1..1");
                }
            }
            int[] jpegQuality = catalog.jpegQuality();
            String[] qlt = c.get("qlt").map(v -> v.split(",", -1)).orElse(null);
            int[] defaultPix = catalog.defaultPix();
            int[] maxPix = catalog.maxPix();
            return new RenderRequest(
                    source,
                    wid,
                    hei,
                    c.get("scl").map(v -> CommandValues.real("scl", v, 1e-4, 1e6)).orElse(null),
                    fit,
                    align[0],
                    align[1],
                    c.get("bgc").filter(v -> !v.isEmpty()).map(v -> CommandValues.color("bgc", v)).orElse(catalog.bkgColor()),
                    crop(c),
                    c.get("rotate").map(RenderRequest::rotation).orElse(0),
                    c.get("flip").map(Flip::parse).orElse(Flip.NONE),
                    c.get("resmode").map(v -> ResMode.parse("resMode", v)).orElse(catalog.resMode()),
                    c.get("op_sharpen").map(v -> CommandValues.flag("op_sharpen", v)).orElse(false),
                    c.get("op_usm").map(Usm::parse).orElse(null),
                    c.get("fmt").filter(v -> !v.isEmpty()).map(OutputFormat::parse).orElse(OutputFormat.DEFAULT),
                    qlt == null || qlt[0].isEmpty() ? jpegQuality[0] : (int) CommandValues.integer("qlt", qlt[0], 1, 100),
                    qlt == null || qlt.length < 2 ? jpegQuality[1] == 1 : CommandValues.flag("qlt", qlt[1]),
                    defaultPix[0], defaultPix[1], maxPix[0], maxPix[1]);
        } catch (BadValueException e) {
            throw new ImageServingException(Kind.BAD_REQUEST, e.getMessage());
        }
    }

    private static Integer dimension(Commands c, String name) {
        Optional<String> value = c.get(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return null;
        }
        return (int) CommandValues.integer(name, value.get(), 1, RenderRequest.MAX_DIMENSION);
    }

    /** crop= or cropN=, whichever came last. */
    private static Crop crop(Commands c) {
        List<String> order = List.copyOf(c.asMap().keySet());
        int crop = order.indexOf("crop");
        int cropN = order.indexOf("cropn");
        if (crop < 0 && cropN < 0) {
            return null;
        }
        return cropN > crop ? Crop.parse("cropN", c.get("cropn").get()) : Crop.parse("crop", c.get("crop").get());
    }
}
