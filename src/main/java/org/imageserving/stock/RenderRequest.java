package org.imageserving.stock;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One fully resolved render job: what the Platform Server sends the Image Server, after catalogs, macros,
 * variables and catalog defaults have been applied. It travels as the query string of
 * {@code GET http://127.0.0.1:27345/render?…} (or {@code /props?…} for the reply's size only) in
 * Image Serving's own vocabulary, every value explicit, in a fixed order — which also makes
 * {@link #toQuery()} the response cache's key:
 *
 * <pre>
 * src=demo/photo.jpg   source path relative to an ImageServerRegistry RootPath (percent-encoded)
 * wid=500 hei=500      view size (either may be absent)      scl=2   inverse view scale (absent unless given)
 * fit=fit,0            present only when the request had fit=  align=0,0   bgc=ffffff
 * crop=x,y,w,h | cropN=x,y,w,h (absent = whole image)        rotate=0|90|180|270   flip=none|lr|ud|lrud
 * resMode=bicub  op_sharpen=0|1  op_usm=amount,radius,threshold,mono (absent = off)
 * fmt=jpeg,rgb  qlt=85,0  defaultPix=w,h  maxPix=w,h (0 = unlimited)
 * </pre>
 *
 * The reply is 200 with the encoded image (headers X-Image-Width, X-Image-Height), or an error status
 * with a one-line text body: 400 bad request, 404 source missing, 413 a size limit, 415 undecodable
 * source, 503 busy or stopping.
 */
public record RenderRequest(
        String source,
        Integer width,
        Integer height,
        Double scale,
        Fit fit,
        double alignX,
        double alignY,
        int background,
        Crop crop,
        int rotate,
        Flip flip,
        ResMode resMode,
        boolean sharpen,
        Usm usm,
        OutputFormat format,
        int quality,
        boolean fullChroma,
        int defaultPixW,
        int defaultPixH,
        int maxPixW,
        int maxPixH) {

    /** The largest view dimension the protocol accepts at all (MaxPix is the real, smaller limit). */
    public static final int MAX_DIMENSION = 65_000;

    public RenderRequest {
        if (!SourceRoots.isSafe(source)) {
            throw new BadValueException("src", source, "must be a relative path without '..'");
        }
    }

    /** The canonical query string (without '?'). */
    public String toQuery() {
        StringJoiner q = new StringJoiner("&");
        q.add("src=" + URLEncoder.encode(source, StandardCharsets.UTF_8));
        if (width != null) {
            q.add("wid=" + width);
        }
        if (height != null) {
            q.add("hei=" + height);
        }
        if (scale != null) {
            q.add("scl=" + CommandValues.number(scale));
        }
        if (fit != null) {
            q.add("fit=" + fit.wire());
        }
        q.add("align=" + CommandValues.number(alignX) + "," + CommandValues.number(alignY));
        q.add("bgc=" + CommandValues.hexColor(background));
        if (crop != null) {
            q.add(crop.command() + "=" + crop.wire());
        }
        q.add("rotate=" + rotate);
        q.add("flip=" + flip.wire());
        q.add("resMode=" + resMode.wire());
        q.add("op_sharpen=" + (sharpen ? 1 : 0));
        if (usm != null && usm.active()) {
            q.add("op_usm=" + usm.wire());
        }
        q.add("fmt=" + format.wire());
        q.add("qlt=" + quality + "," + (fullChroma ? 1 : 0));
        q.add("defaultPix=" + defaultPixW + "," + defaultPixH);
        q.add("maxPix=" + maxPixW + "," + maxPixH);
        return q.toString();
    }

    /** Parses a query produced by {@link #toQuery()}; a missing or bad value is a {@link BadValueException}. */
    public static RenderRequest fromQuery(String query) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            v.put(name, value);
        }
        String source = v.get("src");
        if (source == null) {
            throw new BadValueException("src", "", "is required");
        }
        int[] defaultPix = CommandValues.pair("defaultPix", v.getOrDefault("defaultpix", "0,0"), MAX_DIMENSION);
        int[] maxPix = CommandValues.pair("maxPix", v.getOrDefault("maxpix", "0,0"), MAX_DIMENSION);
        double[] align = CommandValues.reals("align", v.getOrDefault("align", "0,0"), 2);
        String[] qlt = v.getOrDefault("qlt", "80,0").split(",", -1);
        Crop crop = v.containsKey("cropn") ? Crop.parse("cropN", v.get("cropn"))
                : v.containsKey("crop") ? Crop.parse("crop", v.get("crop")) : null;
        return new RenderRequest(
                source,
                v.containsKey("wid") ? (int) CommandValues.integer("wid", v.get("wid"), 1, MAX_DIMENSION) : null,
                v.containsKey("hei") ? (int) CommandValues.integer("hei", v.get("hei"), 1, MAX_DIMENSION) : null,
                v.containsKey("scl") ? CommandValues.real("scl", v.get("scl"), 1e-4, 1e6) : null,
                v.containsKey("fit") ? Fit.parse(v.get("fit")) : null,
                align[0],
                align[1],
                CommandValues.color("bgc", v.getOrDefault("bgc", "ffffff")),
                crop,
                rotation(v.getOrDefault("rotate", "0")),
                Flip.parse(v.getOrDefault("flip", "none")),
                ResMode.parse("resMode", v.getOrDefault("resmode", "bicub")),
                CommandValues.flag("op_sharpen", v.getOrDefault("op_sharpen", "0")),
                v.containsKey("op_usm") ? Usm.parse(v.get("op_usm")) : null,
                OutputFormat.parse(v.getOrDefault("fmt", "jpeg")),
                (int) CommandValues.integer("qlt", qlt[0], 1, 100),
                qlt.length > 1 && CommandValues.flag("qlt", qlt[1]),
                defaultPix[0], defaultPix[1], maxPix[0], maxPix[1]);
    }

    /** {@code rotate=} limited to multiples of 90 degrees, normalised to 0, 90, 180 or 270. */
    public static int rotation(String value) {
        double degrees = CommandValues.real("rotate", value, -1e6, 1e6);
        if (degrees % 90 != 0) {
            throw new BadValueException("rotate", value, "only multiples of 90 degrees are supported");
        }
        return (int) (((degrees % 360) + 360) % 360);
    }
}
