package dev.oddshop.platform.security;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for hostile requests: the request line goes out byte for byte
 * as written, where an HTTP client library would normalise or refuse the target. Shared with the
 * gateway's and the platform's security tests through this module's test jar.
 */
public final class RawHttp {

    private RawHttp() {}

    /**
     * The answer.
     *
     * @param status the status code
     * @param headers header names in lower case, the last value of each
     * @param body the body, chunks joined
     */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isProblem() {
            String type = header("content-type");
            return type != null && type.startsWith("application/problem+json");
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code headers} ("Name: value") and the body, if
     * any, and reads one response: by its Content-Length or chunks, so a server that answers
     * before reading the body (and then resets the connection) is still heard.
     */
    public static Response send(int port, String method, String target, List<String> headers, String body) {
        StringBuilder request =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: localhost:").append(port).append("\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(payload.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException ex) {
            throw new UncheckedIOException(method + " " + target, ex);
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] status = statusLine.split(" ");
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IllegalStateException("Not an HTTP response: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head) {
            return new Response(Integer.parseInt(status[1]), headers, "");
        }
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).strip(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            in.transferTo(body);
        }
        return new Response(Integer.parseInt(status[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** One line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The connection closed inside the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
