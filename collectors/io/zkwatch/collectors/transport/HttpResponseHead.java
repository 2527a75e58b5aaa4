package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The status line and the few headers zkwatch needs from an HTTP/1.1 response, read with a size cap.
 *
 * @param status the status code
 * @param reason the reason phrase, for messages
 * @param contentLength the declared body length, if any
 * @param chunked whether the body uses chunked transfer coding
 * @param location the redirect target, or empty
 */
record HttpResponseHead(int status, String reason, OptionalLong contentLength, boolean chunked, String location) {
    static final int MAX_HEAD_BYTES = 64 << 10;

    boolean success() {
        return status >= 200 && status < 300;
    }

    /** Whether a body follows at all (RFC 9112 section 6.3). */
    boolean hasBody() {
        return status != 204 && status != 304;
    }

    /** Reads one response head, skipping interim 1xx responses. Nothing at all before EOF gives an empty reply. */
    static HttpResponseHead read(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        HttpResponseHead head;
        do {
            head = readOne(in, budget);
        } while (head.status >= 100 && head.status < 200 && head.status != 101);
        return head;
    }

    private static HttpResponseHead readOne(InputStream in, int[] budget) throws IOException {
        String statusLine = line(in, budget, true, "headers");
        if (statusLine == null) {
            throw new FramingException(FailureKind.EMPTY_REPLY,
                    "the server closed the connection without an HTTP response (is this the AdminServer port?)");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new FramingException(FailureKind.UNPARSEABLE,
                    "not an HTTP/1.x response (status line starts \"" + printable(statusLine, 40) + "\")");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new FramingException(FailureKind.UNPARSEABLE,
                    "bad HTTP status line \"" + printable(statusLine, 40) + "\"");
        }
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        OptionalLong length = OptionalLong.empty();
        boolean chunked = false;
        String location = "";
        for (String header = line(in, budget, false, "headers"); !header.isEmpty();
                header = line(in, budget, false, "headers")) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new FramingException(FailureKind.UNPARSEABLE,
                        "bad HTTP header line \"" + printable(header, 40) + "\"");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = OptionalLong.of(parseLength(value));
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "location" -> location = value;
                default -> { }
            }
        }
        return new HttpResponseHead(status, printable(reason, 80), length, chunked, printable(location, 200));
    }

    private static long parseLength(String value) throws FramingException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FramingException(FailureKind.UNPARSEABLE, "bad Content-Length \"" + printable(value, 40) + "\"");
    }

    /**
     * One CRLF- (or LF-) terminated line of the HTTP {@code part} ("headers", "chunked body"), charged to the
     * byte budget; null at EOF before its first byte when allowed.
     */
    static String line(InputStream in, int[] budget, boolean eofAllowed, String part) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (eofAllowed && bytes.size() == 0) {
                    return null;
                }
                throw new FramingException(FailureKind.TRUNCATED,
                        "the connection closed in the middle of the HTTP " + part);
            }
            if (--budget[0] < 0) {
                throw new FramingException(FailureKind.TOO_LARGE, "a line of the HTTP " + part + " is too long");
            }
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Server-controlled text, made safe for a log line. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 3);
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > max ? out.append("...").toString() : out.toString();
    }
}
