package org.imageserving.jolokia;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

/**
 * Jolokia 2.4.2 keeps every registered notification client, and every listener added for it, until the client
 * unregisters: nothing cleans up abandoned ones. So any account could fill the supervisor's heap with
 * {@code register} and {@code add}. This filter keeps the count: at most {@link #MAX_CLIENTS} clients at once and
 * {@link #MAX_ADDS_PER_CLIENT} listener adds in a client's life; beyond that the request is refused with 429
 * before it runs (an add for a client id Jolokia did not hand out here: 403). Client ids are read from Jolokia's own answers to {@code register} (so only real ids free a
 * slot when they unregister); an answer that cannot be read keeps its slot taken, erring on the side of the heap.
 */
final class NotificationBudget extends Filter {
    static final int MAX_CLIENTS = 32;
    static final int MAX_ADDS_PER_CLIENT = 16;
    /** More than any register answer needs; only the answers to requests that register are kept. */
    private static final int MAX_CAPTURE = 64 * 1024;

    private final Map<String, Integer> addsByClient = new HashMap<>();
    private int unaccounted;

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] body = (byte[]) exchange.getAttribute(BodyGuard.BODY_ATTRIBUTE);
        Object json = body == null ? null : parse(body);
        boolean bulk = json instanceof List<?>;
        List<Map<?, ?>> requests = requests(json);
        List<Integer> registers = new ArrayList<>();
        Map<String, Integer> adds = new HashMap<>();
        List<String> unregisters = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Map<?, ?> request = requests.get(i);
            if (!"notification".equalsIgnoreCase(text(request.get("type")))) {
                continue;
            }
            String command = text(request.get("command")).toLowerCase(Locale.ROOT);
            switch (command) {
                case "register" -> registers.add(i);
                case "add" -> adds.merge(text(request.get("client")), 1, Integer::sum);
                case "unregister" -> unregisters.add(text(request.get("client")));
                default -> { }
            }
        }
        if (registers.isEmpty() && adds.isEmpty()) {
            chain.doFilter(exchange);
            forget(unregisters);
            return;
        }
        String refusal = reserve(registers.size(), adds);
        if (refusal != null) {
            Refusal.send(exchange, refusal.startsWith("too many") ? 429 : 403, refusal);
            return;
        }
        Capture capture = registers.isEmpty() ? null : new Capture(exchange.getResponseBody());
        if (capture != null) {
            exchange.setStreams(null, capture);
        }
        try {
            chain.doFilter(exchange);
        } finally {
            if (capture != null) {
                record(registers, capture.bytes(), bulk);
            }
            forget(unregisters);
        }
    }

    @Override
    public String description() {
        return "bounds the notification clients and listeners Jolokia keeps";
    }

    synchronized int clients() {
        return addsByClient.size() + unaccounted;
    }

    private synchronized String reserve(int registers, Map<String, Integer> adds) {
        if (addsByClient.size() + unaccounted + registers > MAX_CLIENTS) {
            return "too many notification clients (" + MAX_CLIENTS + "): unregister unused ones";
        }
        for (Map.Entry<String, Integer> add : adds.entrySet()) {
            Integer sofar = addsByClient.get(add.getKey());
            if (sofar == null || sofar + add.getValue() > MAX_ADDS_PER_CLIENT) {
                return sofar == null ? "notification add for a client that is not registered"
                        : "too many notification listeners for one client (" + MAX_ADDS_PER_CLIENT + ")";
            }
        }
        for (Map.Entry<String, Integer> add : adds.entrySet()) {
            addsByClient.merge(add.getKey(), add.getValue(), Integer::sum);
        }
        unaccounted += registers;
        return null;
    }

    /** Moves the reserved slots to the ids Jolokia handed out; a slot whose id cannot be read stays taken. */
    private synchronized void record(List<Integer> registers, byte[] answer, boolean bulk) {
        Object json = parse(answer);
        for (int index : registers) {
            Object response = bulk ? (json instanceof List<?> list && index < list.size() ? list.get(index) : null) : json;
            String id = response instanceof Map<?, ?> map && map.get("value") instanceof Map<?, ?> value
                    ? text(value.get("id")) : "";
            if (!id.isEmpty() && !addsByClient.containsKey(id)) {
                addsByClient.put(id, 0);
                unaccounted--;
            }
        }
    }

    private synchronized void forget(List<String> clients) {
        clients.forEach(addsByClient::remove);
    }

    private static List<Map<?, ?>> requests(Object json) {
        List<Map<?, ?>> requests = new ArrayList<>();
        if (json == null) {
            return requests;
        }
        for (Object request : json instanceof List<?> bulk ? bulk : List.of(json)) {
            requests.add(request instanceof Map<?, ?> map ? map : Map.of());
        }
        return requests;
    }

    private static Object parse(byte[] json) {
        try {
            return new JSONParser().parse(new StringReader(new String(json, StandardCharsets.UTF_8)));
        } catch (ParseException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof String text ? text : "";
    }

    /** Passes the answer on and keeps a copy of its first {@link #MAX_CAPTURE} bytes. */
    private static final class Capture extends FilterOutputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Capture(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (copy.size() < MAX_CAPTURE) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            copy.write(b, off, Math.max(0, Math.min(len, MAX_CAPTURE - copy.size())));
        }

        byte[] bytes() {
            return copy.toByteArray();
        }
    }
}
