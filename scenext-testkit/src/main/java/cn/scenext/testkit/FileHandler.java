package cn.scenext.testkit;

import cn.scenext.api.TaskState;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated object store: frames and videos behind signed, expiring URLs, with {@code Range} support and
 * errors in the store's XML form. It ignores {@code Authorization}, as a real store does.
 */
final class FileHandler implements HttpHandler {
    private static final Pattern FRAME = Pattern.compile("/frame_img/([^/]+)/frame(\\d+)\\.png");
    private static final Pattern VIDEO = Pattern.compile("/Video/([^/]+)/([^/]+)\\.mp4");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final ScenextSimulator sim;

    FileHandler(ScenextSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] requestBody = ScenextSimulator.readBody(exchange);
        Fault fault = sim.nextFault(Endpoint.FILES);
        if (fault != null) {
            switch (fault.kind()) {
                case DELAY:
                    sleep(fault.duration().toMillis());
                    break;
                case DISCONNECT:
                    sim.record(exchange, Endpoint.FILES, requestBody, 0);
                    throw ScenextSimulator.disconnect();
                case STATUS:
                case MALFORMED:
                    error(exchange, requestBody, fault.statusCode(), "InternalError", "Injected fault");
                    return;
                default:
                    break; // CUT_BODY is played while sending
            }
        }
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            error(exchange, requestBody, 405, "MethodNotAllowed", "The specified method is not allowed.");
            return;
        }
        long expires;
        try {
            expires = Long.parseLong(query.getOrDefault("Expires", ""));
        } catch (NumberFormatException e) {
            error(exchange, requestBody, 403, "AccessDenied", "Request is missing Expires.");
            return;
        }
        String signature = query.get("Signature");
        boolean valid = signature != null
                && sim.signer().isValid(path, expires, ApiHandler.decodeSegment(signature));
        if (!valid || expires < sim.clock().instant().getEpochSecond()) {
            error(exchange, requestBody, 403, "AccessDenied", "Request has expired.");
            return;
        }
        Content content = content(path);
        if (content == null) {
            error(exchange, requestBody, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        serve(exchange, requestBody, content, fault != null && fault.kind() == Fault.Kind.CUT_BODY ? fault.bytes() : -1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a path names, if it exists now. */
    private Content content(String path) {
        Matcher frame = FRAME.matcher(path);
        if (frame.matches()) {
            TaskRecord task = sim.lookup(ApiHandler.decodeSegment(frame.group(1)));
            int n = Integer.parseInt(frame.group(2));
            if (task == null || n < 1 || n > task.at(sim.clock().instant()).frames) {
                return null;
            }
            byte[] png = Media.frame(n);
            return new Content("image/png", png.length, (out, from, to) -> out.write(png, (int) from, (int) (to - from)));
        }
        Matcher video = VIDEO.matcher(path);
        if (video.matches()) {
            TaskRecord task = sim.lookup(ApiHandler.decodeSegment(video.group(1)));
            if (task == null || task.at(sim.clock().instant()).state != TaskState.COMPLETED) {
                return null;
            }
            Media.Video v = sim.video();
            return new Content("video/mp4", v.size(), v::write);
        }
        return null;
    }

    private void serve(HttpExchange exchange, byte[] requestBody, Content content, long cutAfter) throws IOException {
        long size = content.size;
        long from = 0;
        long to = size;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(m.group(2)) + 1);
                }
                if (from >= size || from >= to) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    error(exchange, requestBody, 416, "InvalidRange", "The requested range is not satisfiable.");
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + size);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", content.type);
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("ETag", "\"" + Long.toHexString(size) + "-scenext\"");
        sim.record(exchange, Endpoint.FILES, requestBody, cutAfter >= 0 ? 0 : status);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : to - from);
        if (head) {
            exchange.close();
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (cutAfter >= 0 && from + cutAfter < to) {
            content.writer.write(out, from, from + cutAfter);
            out.flush();
            throw ScenextSimulator.disconnect();
        }
        content.writer.write(out, from, to);
        out.close();
    }

    private void error(HttpExchange exchange, byte[] requestBody, int status, String code, String message)
            throws IOException {
        sim.record(exchange, Endpoint.FILES, requestBody, status);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>" + code + "</Code>\n  <Message>"
                + message + "</Message>\n  <HostId>scenext-simulator</HostId>\n</Error>\n";
        ScenextSimulator.send(exchange, status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private interface RangeWriter {
        void write(OutputStream out, long from, long toExclusive) throws IOException;
    }

    private static final class Content {
        final String type;
        final long size;
        final RangeWriter writer;

        Content(String type, long size, RangeWriter writer) {
            this.type = type;
            this.size = size;
            this.writer = writer;
        }
    }
}
