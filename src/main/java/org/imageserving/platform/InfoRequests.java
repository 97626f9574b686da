package org.imageserving.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.imageserving.platform.Reply.CacheUse;
import org.imageserving.platform.cache.SharedCache;
import org.imageserving.platform.catalog.CatalogRecord;
import org.imageserving.platform.request.Commands;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.platform.request.ObjectResolver.Resolved;
import org.imageserving.platform.request.RenderRequestBuilder;
import org.imageserving.stock.CommandValues;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.SourceRoots;

/**
 * The property requests of /is/image: props (the reply's properties, sized by the Image Server without
 * rendering), imageprops (the source's), exists, userdata, catalogprops, validate and resolve.
 */
final class InfoRequests {

    private final ImageServerClient imageServer;
    private final SourceRoots roots;
    private final SharedCache shared;

    InfoRequests(ImageServerClient imageServer, SourceRoots roots, SharedCache shared) {
        this.imageServer = imageServer;
        this.roots = roots;
        this.shared = shared;
    }

    Reply props(RenderRequest render, RequestType req, double hours, Commands commands) throws ImageServingException {
        ImageServerClient.Reply size = imageServer.props(render);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("image.bgc", CommandValues.hexColor(render.background()));
        String engine = ImageServerClient.properties(new String(size.body(), StandardCharsets.UTF_8)).get("image.engine");
        if (engine != null) {
            p.put("image.engine", engine); // which render engine the Image Server runs: "vips 8.14.1" or "java"
        }
        p.put("image.height", Integer.toString(size.height()));
        p.put("image.iccEmbed", "0");
        p.put("image.iccProfile", "sRGB");
        p.put("image.length", "0");
        p.put("image.mask", render.format().type().alpha() ? "1" : "0");
        p.put("image.pixTyp", render.format().gray() ? "BW" : "RGB");
        p.put("image.printRes", "72");
        p.put("image.quality", render.quality() + "," + (render.fullChroma() ? 1 : 0));
        p.put("image.type", render.format().mimeType());
        p.put("image.width", Integer.toString(size.width()));
        // ours: whether this reply can come from the level shared by the site's hosts (UP, DOWN or OFF)
        p.put("sharedCache.state", shared.state().name());
        return properties(p, req, hours, commands);
    }

    Reply answer(RequestType req, Resolved object, Commands commands) throws ImageServingException {
        Optional<CatalogRecord> record = object.optionalRecord();
        double nonImg = object.catalog().nonImgExpiration();
        return switch (req.type()) {
            case "exists" -> properties(Map.of("catalogRecord.exists", record.isPresent() ? "1" : "0"), req, nonImg, commands);
            case "userdata" -> userData(record.map(CatalogRecord::userData).orElse(""), req,
                    ImageService.expiration(record.orElse(null), object.catalog().expiration()), commands);
            case "catalogprops" -> properties(catalogProperties(object), req, nonImg, commands);
            case "imageprops" -> properties(imageProperties(object), req, nonImg, commands);
            case "validate" -> {
                RenderRequestBuilder.build(object.source(), commands, object.catalog());
                yield properties(Map.of("request.isValid", "1"), req, 0, commands);
            }
            case "resolve" -> {
                RenderRequest render = RenderRequestBuilder.build(object.source(), commands, object.catalog());
                Map<String, String> p = new LinkedHashMap<>();
                p.put("request.catalog", object.catalog().name());
                p.put("request.commands", commands.toString());
                p.put("request.render", render.toQuery());
                yield properties(p, req, 0, commands);
            }
            default -> throw new ImageServingException(Kind.BAD_REQUEST, "req=" + req.type() + " is not supported");
        };
    }

    private Map<String, String> catalogProperties(Resolved object) {
        Map<String, String> p = object.catalog().properties();
        Path file = object.catalog().file();
        if (file != null) {
            try {
                p.put("catalog.fileTime", Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()).toString());
            } catch (IOException e) {
                // left out
            }
        }
        return p;
    }

    private Map<String, String> imageProperties(Resolved object) throws ImageServingException {
        Map<String, String> source = imageServer.info(object.source());
        Optional<CatalogRecord> record = object.optionalRecord();
        Map<String, String> p = new LinkedHashMap<>();
        int width = Integer.parseInt(source.getOrDefault("image.width", "0"));
        int height = Integer.parseInt(source.getOrDefault("image.height", "0"));
        p.put("image.anchor", width / 2 + "," + height / 2);
        p.put("image.embeddedIccProfile", "0");
        p.put("image.embeddedPhotoshopPaths", "0");
        p.put("image.embeddedXmpData", "0");
        p.put("image.expiration", CommandValues.number(ImageService.expiration(record.orElse(null), object.catalog().expiration())));
        p.put("image.height", Integer.toString(height));
        p.put("image.iccProfile", "sRGB");
        p.put("image.mask", source.getOrDefault("image.mask", "0"));
        p.put("image.modifier", record.map(CatalogRecord::modifier).orElse(""));
        p.put("image.pixTyp", source.getOrDefault("image.pixTyp", "RGB"));
        p.put("image.postModifier", record.map(CatalogRecord::postModifier).orElse(""));
        p.put("image.printRes", "72");
        p.put("image.timeStamp", record.map(CatalogRecord::timeStamp).filter(t -> !t.isEmpty()).orElseGet(() -> fileTime(object.source())));
        p.put("image.width", Integer.toString(width));
        return p;
    }

    private String fileTime(String source) {
        return roots.find(source).map(f -> {
            try {
                return Instant.ofEpochMilli(Files.getLastModifiedTime(f).toMillis()).toString();
            } catch (IOException e) {
                return "";
            }
        }).orElse("");
    }

    /** catalog::UserData: as text, "??" becomes a line break and a CR LF ends it; otherwise its name=value pairs. */
    private static Reply userData(String userData, RequestType req, double hours, Commands commands) {
        if (req.format() == PropertiesFormat.TEXT) {
            byte[] body = (userData.replace("??", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
            return Reply.ok("text/plain; charset=UTF-8", body, null, hours, CacheUse.UNDEFINED);
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : userData.split("\\?\\?")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                p.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return properties(p, req, hours, commands);
    }

    private static Reply properties(Map<String, String> p, RequestType req, double hours, Commands commands) {
        String handler = commands == null ? null : commands.get("handler").orElse(null);
        String id = commands == null ? null : commands.get("id").orElse(null);
        return Reply.ok(req.format().contentType(), req.format().render(p, handler, id), null, hours, CacheUse.UNDEFINED);
    }
}
