package cn.scenext.benchmarks.loopback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A complete HTTP/1.1 response, encoded once, written as is for every request of its route. Its headers are the
 * ones a production API behind nginx sends, so clients parse as many headers as they would in real use.
 */
public final class EncodedResponse {
    private final byte[] wire;

    private EncodedResponse(byte[] wire) {
        this.wire = wire;
    }

    /**
     * A JSON response with realistic headers: {@code Server}, {@code Date}, {@code Content-Type},
     * {@code Content-Length}, {@code Connection: keep-alive}, {@code Vary}, {@code X-Request-Id} and
     * {@code Strict-Transport-Security}.
     *
     * @param status the HTTP status
     * @param body the JSON bytes
     * @return the response
     */
    public static EncodedResponse json(int status, byte[] body) {
        Objects.requireNonNull(body, "body");
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Server: nginx\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: keep-alive\r\n"
                + "Vary: Accept-Encoding\r\n"
                + "X-Request-Id: 7f3e2a1c-5b8d-4e6f-9a0b-1c2d3e4f5a6b\r\n"
                + "Strict-Transport-Security: max-age=31536000\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        return new EncodedResponse(wire);
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 404:
                return "Not Found";
            default:
                return "Status";
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(wire);
        out.flush();
    }
}
