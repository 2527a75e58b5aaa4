package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.ServerStats;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Server summary: 4lw {@code srvr}, AdminServer {@code server_stats}.
 *
 * <p>4lw ({@code StatCommand} and {@code ServerStats.toString}): {@code Zookeeper version: ...}, an optional
 * {@code READ-ONLY mode} line, then {@code Key: value} lines; {@code Outstanding} and {@code Zxid} only when the
 * server has a stats provider, {@code Proposal sizes} only on a leader. Unknown keys are ignored, so later
 * additions do not break parsing. A reply that stops before {@code Node count} is truncated.
 */
public final class SrvrCollector implements Collector<ServerStats> {

    private final ParseOptions options;

    public SrvrCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.SRVR;
    }

    @Override
    public ServerStats parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::json);
    }

    private ServerStats fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        Map<String, String> fields = new HashMap<>();
        do {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            String text = line.text();
            int colon = text.indexOf(": ");
            if (colon > 0) {
                fields.putIfAbsent(text.substring(0, colon), text.substring(colon + 2).trim());
            } else if (!text.startsWith("READ-ONLY mode") && !text.isEmpty()) {
                throw line.unparseable("<key>: <value>");
            }
        } while (line.next());
        for (String key : new String[] {"Zookeeper version", "Latency min/avg/max", "Received", "Sent",
                "Connections", "Mode", "Node count"}) {
            if (!fields.containsKey(key)) {
                throw line.truncated("no \"" + key + "\" line");
            }
        }
        try {
            String[] latency = fields.get("Latency min/avg/max").split("/");
            if (latency.length != 3) {
                throw line.unparseable("Latency min/avg/max: <min>/<avg>/<max>");
            }
            String zxid = fields.get("Zxid");
            return new ServerStats(fields.get("Zookeeper version"), Long.parseLong(latency[0]),
                    Double.parseDouble(latency[1]), Long.parseLong(latency[2]),
                    Long.parseLong(fields.get("Received")), Long.parseLong(fields.get("Sent")),
                    Long.parseLong(fields.get("Connections")), optionalLong(fields.get("Outstanding")),
                    zxid == null ? OptionalLong.empty() : OptionalLong.of(parseZxid(zxid)),
                    ServerMode.fromText(fields.get("Mode")), Long.parseLong(fields.get("Node count")));
        } catch (IllegalArgumentException e) {
            throw line.unparseable("numbers in the srvr summary");
        }
    }

    private static OptionalLong optionalLong(String v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    private static long parseZxid(String v) {
        if (!v.startsWith("0x")) {
            throw new IllegalArgumentException("zxid without 0x");
        }
        return Long.parseUnsignedLong(v.substring(2), 16);
    }

    private ServerStats json(InputStream in) throws CollectorException {
        Map<String, Object> f = new HashMap<>();
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> {
                switch (name) {
                    case "version" -> f.put(name, reply.string());
                    case "node_count" -> f.put(name, reply.exactLong());
                    case "server_stats" -> reply.objectEntries(() -> stat(reply, f));
                    default -> reply.skip();
                }
            });
            for (String key : new String[] {"version", "node_count", "min_latency", "avg_latency", "max_latency",
                    "packets_received", "packets_sent", "num_alive_client_connections", "server_state"}) {
                if (!f.containsKey(key)) {
                    throw reply.unparseable("a \"" + key + "\" field");
                }
            }
        }
        boolean provider = !Boolean.TRUE.equals(f.get("provider_null"));
        return new ServerStats((String) f.get("version"), (Long) f.get("min_latency"), (Double) f.get("avg_latency"),
                (Long) f.get("max_latency"), (Long) f.get("packets_received"), (Long) f.get("packets_sent"),
                (Long) f.get("num_alive_client_connections"),
                provider && f.containsKey("outstanding_requests")
                        ? OptionalLong.of((Long) f.get("outstanding_requests")) : OptionalLong.empty(),
                provider && f.containsKey("last_processed_zxid")
                        ? OptionalLong.of((Long) f.get("last_processed_zxid")) : OptionalLong.empty(),
                ServerMode.fromText((String) f.get("server_state")), (Long) f.get("node_count"));
    }

    private static void stat(JsonReply reply, Map<String, Object> f) throws CollectorException {
        String name = reply.name();
        switch (name) {
            case "min_latency", "max_latency", "packets_received", "packets_sent", "num_alive_client_connections",
                    "outstanding_requests", "last_processed_zxid" -> f.put(name, reply.exactLong());
            case "avg_latency" -> f.put(name, reply.decimal());
            case "server_state" -> f.put(name, reply.string());
            case "provider_null" -> f.put(name, reply.bool());
            default -> reply.skip();
        }
    }
}
