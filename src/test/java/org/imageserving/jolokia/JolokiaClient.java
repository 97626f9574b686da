package org.imageserving.jolokia;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jolokia.json.JSONObject;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

/** A plain HTTP client for the tests: JDK HttpClient, Basic credentials, JSON parsed with Jolokia's own parser. */
final class JolokiaClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;

    JolokiaClient(URI url) {
        this.url = url;
    }

    record Response(int httpStatus, HttpResponse<String> raw) {
        JSONObject json() {
            return (JSONObject) parse(raw.body());
        }

        /** The status Jolokia puts in the JSON body: policy denials are 403 there, inside an HTTP 200. */
        long status() {
            return ((Number) json().get("status")).longValue();
        }

        Object value() {
            return json().get("value");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Response post(String user, String password, String json) throws IOException, InterruptedException {
        return send(request(URI.create(url + ""), user, password).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response post(String user, String password, String json, String origin) throws IOException, InterruptedException {
        return send(request(url, user, password).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", origin));
    }

    Response get(String user, String password, String path) throws IOException, InterruptedException {
        return send(request(url.resolve(path), user, password).GET());
    }

    Response options(String origin) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
    }

    private HttpRequest.Builder request(URI uri, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120));
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response);
    }

    static Object parse(String json) {
        try {
            return new JSONParser().parse(json);
        } catch (ParseException | IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
