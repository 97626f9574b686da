package org.imageserving.platform;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.platform.request.CommandParser;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.text.LogText;

/**
 * {@code GET|HEAD /is/image[/object][?modifiers]}. The object is taken from the raw request URI and split
 * into path elements before each is percent-decoded (so an encoded '/' cannot smuggle a path separator);
 * the modifiers are the raw query string. Without an object the reply is the install check's properties.
 */
final class ImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(ImageServlet.class);
    static final String CONTEXT = "/is/image";

    private final transient ImageService service;
    private final transient StatusPage status;

    ImageServlet(ImageService service, StatusPage status) {
        this.service = service;
        this.status = status;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        try {
            String rest = request.getRequestURI().substring(request.getContextPath().length() + CONTEXT.length());
            if (rest.isEmpty() || rest.equals("/")) {
                ReplyWriter.write(request, response, status.reply());
                return;
            }
            List<String> elements;
            try {
                elements = elements(rest.substring(1));
            } catch (ImageServingException e) {
                ReplyWriter.write(request, response, service.error(e, null));
                return;
            }
            ReplyWriter.write(request, response, service.handle(elements, request.getQueryString()));
        } catch (RuntimeException e) {
            LOG.error("{} {}?{} failed", LogText.escape(method), LogText.escape(request.getRequestURI()),
                    LogText.escape(request.getQueryString()), e);
            ReplyWriter.write(request, response, Reply.error(500, "Server error", 3, 0));
        }
    }

    /** Path elements, each percent-decoded on its own. */
    static List<String> elements(String rawObject) throws ImageServingException {
        List<String> elements = new ArrayList<>();
        for (String raw : rawObject.split("/", -1)) {
            elements.add(CommandParser.decode(raw));
        }
        return elements;
    }
}
