package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * AdminServer commands over HTTP/1.1 or HTTPS, as {@code GET <base><root>/<adminName>}.
 *
 * <p>Why a small HTTP client of its own rather than java.net.http: that client's timeout covers only the
 * response headers, it keeps pooled connections and selector threads alive, and it cannot turn host name
 * verification off per target. Here one call is one socket with one deadline over connect, handshake,
 * request, headers and the whole body, closed when the call ends. Immutable and shareable.
 */
final class AdminTransport implements CommandTransport {
    /** Of a non-2xx body only this much is kept: enough for ZooKeeper's error text. */
    static final int ERROR_BODY_CAP = 64 << 10;

    private final AdminEndpoint endpoint;
    private final Limits limits;

    AdminTransport(AdminEndpoint endpoint, Limits limits) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public ReplyFormat format() {
        return ReplyFormat.ADMIN_JSON;
    }

    @Override
    public String target() {
        return endpoint.base().toString();
    }

    @Override
    public Reply fetch(Command command) throws CollectorException {
        Objects.requireNonNull(command, "command");
        Call call = new Call(command.label(), endpoint.url(command.adminName()), limits.deadline(),
                limits.connectTimeout());
        Response response = exchange(call, command.adminName());
        try {
            AdminVerdict.check(call, response.head(), response.body());
            return new Reply(command, ReplyFormat.ADMIN_JSON, response.body(), call.deadline().elapsed());
        } catch (CollectorException | RuntimeException e) {
            response.body().close();
            throw e;
        }
    }

    private Response exchange(Call call, String adminName) throws CollectorException {
        try (SpoolWriter writer = Spools.writer(limits);
             Connection connection = Connection.open(call, endpoint.host(), endpoint.port(), endpoint.tls())) {
            call.phase(Call.Phase.REQUEST);
            OutputStream out = connection.out();
            out.write(request(adminName));
            out.flush();
            call.phase(Call.Phase.RESPONSE_HEAD);
            InputStream in = new BufferedInputStream(connection.in(), Drain.BUFFER);
            HttpResponseHead head = HttpResponseHead.read(in);
            call.phase(Call.Phase.REPLY);
            InputStream body = HttpBodyStreams.body(head, in);
            if (head.success()) {
                if (head.contentLength().orElse(0) > limits.maxBytes()) {
                    throw Drain.tooLarge(limits.maxBytes()); // no need to read what cannot be kept
                }
                Drain.all(body, writer, limits.maxBytes());
            } else {
                Drain.head(body, writer, ERROR_BODY_CAP);
            }
            return new Response(head, writer.finish());
        } catch (IOException e) {
            throw call.classify(e);
        }
    }

    private byte[] request(String adminName) {
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(endpoint.path(adminName)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("User-Agent: zkwatch\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        endpoint.authorization().ifPresent(value -> request.append("Authorization: ").append(value).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Response(HttpResponseHead head, Spool body) {
    }
}
