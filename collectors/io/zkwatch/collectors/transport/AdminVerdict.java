package io.zkwatch.collectors.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Decides whether a drained AdminServer response is a reply or a failure.
 *
 * <p>Why the body matters: ZooKeeper's CommandServlet answers unknown commands and a server without quorum
 * with HTTP 200 and a top-level {@code "error"} text (Commands.runCommand), and auth problems with 401/403
 * or 500 plus such a text. The status alone would let those through as data, so the error field is read with
 * one streaming pass over the top-level fields, after the socket is closed.
 */
final class AdminVerdict {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private AdminVerdict() {
    }

    static void check(Call call, HttpResponseHead head, Spool body) throws CollectorException {
        Optional<String> error = errorField(body);
        String said = "the AdminServer answered HTTP " + head.status()
                + (head.reason().isEmpty() ? "" : " " + head.reason())
                + (head.status() / 100 == 3 && !head.location().isEmpty() ? " (Location: " + head.location() + ")" : "")
                + error.map(text -> " with error \"" + HttpResponseHead.printable(text, 200) + "\"").orElse("");
        Optional<FailureKind> kind = error.flatMap(AdminVerdict::kindOf);
        if (kind.isPresent()) {
            throw call.fail(kind.get(), said + hint(kind.get()));
        }
        if (head.success()) {
            if (error.isPresent()) {
                throw call.fail(FailureKind.UNAVAILABLE, said);
            }
            if (body.size() == 0) {
                throw call.fail(FailureKind.EMPTY_REPLY, said + " with an empty body");
            }
            return;
        }
        FailureKind byStatus = switch (head.status()) {
            case 401, 403 -> FailureKind.HTTP_UNAUTHORIZED;
            case 404 -> FailureKind.HTTP_NOT_FOUND;
            default -> FailureKind.HTTP_STATUS;
        };
        throw call.fail(byStatus, said + hint(byStatus));
    }

    /** Maps ZooKeeper's own error texts (Commands.runCommand in 3.8/3.9) to failure kinds. */
    static Optional<FailureKind> kindOf(String error) {
        if (error.startsWith("Unknown command")) {
            return Optional.of(FailureKind.HTTP_NOT_FOUND);
        }
        if (error.startsWith(FourLetterTransport.NOT_SERVING)) {
            return Optional.of(FailureKind.NOT_SERVING);
        }
        if (error.startsWith("Auth info is missing") || error.startsWith("Not authenticated")
                || error.startsWith("Not authorized") || error.startsWith("Error occurred during auth")) {
            return Optional.of(FailureKind.HTTP_UNAUTHORIZED);
        }
        return Optional.empty();
    }

    private static String hint(FailureKind kind) {
        return switch (kind) {
            case HTTP_UNAUTHORIZED ->
                    "; check the Authorization value (or client certificate) configured for this member";
            case HTTP_NOT_FOUND ->
                    "; check the port and commands root, and that this ZooKeeper version has the command";
            case NOT_SERVING -> "; the server is up but has no quorum or is still starting";
            default -> "";
        };
    }

    /**
     * The top-level {@code "error"} string, if the body is a JSON object that has one. Anything that is not
     * such an object yields empty: judging malformed JSON is the parser's job, not the transport's.
     */
    static Optional<String> errorField(Spool body) {
        if (body.size() == 0) {
            return Optional.empty();
        }
        try (InputStream in = body.open(); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("error".equals(name) && value == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText());
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
