package org.imageserving.platform;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * {@code X-Content-Type-Options: nosniff} on every reply of the host, Tomcat's own errors included: no browser
 * may guess a type we did not declare (a text/plain error echoing a request value read as HTML, say).
 */
final class NoSniffValve extends ValveBase {

    NoSniffValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        getNext().invoke(request, response);
    }
}
