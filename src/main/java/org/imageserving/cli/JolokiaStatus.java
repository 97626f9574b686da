package org.imageserving.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status read through the supervisor's Jolokia bridge: the same MBeans and attributes, the same accounts
 * (conf/jmxremote.password, Basic auth), one HTTP POST holding two reads. Measured against the real supervisor,
 * a one-shot JVM does it in less than half the time of the JMX/RMI connect (the RMI client runtime, its
 * serialization and its DGC are ~90 ms of cold code), which is what puts `status` near a bare JVM start. Used when
 * this instance has Jolokia on (run/jolokia.url) or when {@code --url} is an http:// URL; the JMX/RMI read is the
 * fallback for everything else.
 */
final class JolokiaStatus {
    static final int OK = 200;
    static final int UNAUTHORIZED = 401;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = Integer.parseInt(StatusQuery.RESPONSE_TIMEOUT_MILLIS);
    /** Both reads in one bulk request: the supervisor's attributes, then every server's. */
    static final byte[] REQUEST = ("[{\"type\":\"read\",\"mbean\":\"ImageServing:type=Supervisor\"},"
            + "{\"type\":\"read\",\"mbean\":\"ImageServing:type=Server,name=*\"}]").getBytes(StandardCharsets.UTF_8);

    /** The bridge refused the credentials (HTTP 401): the same accounts guard JMX, so no fallback can help. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String url) {
            super(url);
        }
    }

    private JolokiaStatus() {}

    static boolean isJolokiaUrl(String url) {
        return url.startsWith("http://");
    }

    /** run/jolokia.url as the running supervisor wrote it; null when Jolokia is off (or the file is unreadable). */
    static String instanceUrl(Path runDir) {
        try {
            String url = Files.readString(runDir.resolve("jolokia.url")).strip();
            return url.isEmpty() ? null : url;
        } catch (IOException absentOrUnreadable) {
            return null; // off; or unreadable, and the JMX/RMI read will say what is wrong, if anything is
        }
    }

    static StatusQuery.Snapshot read(String url, String user, String password, String onlyId, Messages messages)
            throws IOException {
        String credentials = user.concat(":").concat(password);
        String authorization = "Basic ".concat(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        LoopbackHttp.Response response;
        try {
            response = LoopbackHttp.post(URI.create(url), authorization, REQUEST, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        } catch (IllegalArgumentException badUrl) {
            throw new IOException(badUrl.getMessage(), badUrl);
        }
        if (response.status() == UNAUTHORIZED) {
            throw new Refused(url);
        }
        if (response.status() != OK) {
            throw new IOException("HTTP " + response.status() + " from " + url);
        }
        String body = response.body();
        try {
            return snapshot((List<?>) MiniJson.parse(body), onlyId, messages);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException malformed) {
            throw new IOException("unexpected answer from " + url + ": " + malformed.getMessage(), malformed);
        }
    }

    /** Jolokia's two answers as a Snapshot: the supervisor's attributes, then each server's in ServerNames order. */
    static StatusQuery.Snapshot snapshot(List<?> responses, String onlyId, Messages messages) throws IOException {
        Map<String, Object> supervisor = value(responses.get(0));
        List<?> names = (List<?>) supervisor.get("ServerNames");
        String[] ids = names.toArray(new String[0]);
        supervisor.put("ServerNames", ids);
        if (onlyId != null && !names.contains(onlyId)) {
            throw StatusQuery.unknownServer(onlyId, List.of(ids), messages);
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map.Entry<String, Object> server : value(responses.get(1)).entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) server.getValue();
            byId.put(nameProperty(server.getKey()), attributes);
        }
        Map<String, Map<String, Object>> servers = new LinkedHashMap<>();
        for (String id : ids) {
            if ((onlyId == null || onlyId.equals(id)) && byId.containsKey(id)) {
                servers.put(id, byId.get(id));
            }
        }
        return new StatusQuery.Snapshot(supervisor, servers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Object response) throws IOException {
        Map<String, Object> answer = (Map<String, Object>) response;
        Object status = answer.get("status");
        if (!(status instanceof Long code) || code != OK) {
            throw new IOException("Jolokia answered " + status + ": " + answer.get("error"));
        }
        return (Map<String, Object>) answer.get("value");
    }

    /** {@code ImageServing:type=Server,name=svg} → {@code svg} (ids are [a-z][a-z0-9-]*: never quoted). */
    static String nameProperty(String objectName) {
        int start = objectName.indexOf("name=", objectName.indexOf(':'));
        while (start > 0 && objectName.charAt(start - 1) != ',' && objectName.charAt(start - 1) != ':') {
            start = objectName.indexOf("name=", start + 1);
        }
        if (start < 0) {
            return objectName;
        }
        int end = objectName.indexOf(',', start);
        return objectName.substring(start + 5, end < 0 ? objectName.length() : end);
    }
}
