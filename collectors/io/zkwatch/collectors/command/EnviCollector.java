package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Environment: 4lw {@code envi}, AdminServer {@code environment}.
 *
 * <p>4lw ({@code EnvCommand}): {@code Environment:}, then {@code key=value} lines, each ending with a newline.
 * AdminServer: one string field per key. Both list only ZooKeeper's fixed set of keys; JVM settings such as the
 * watch manager come from {@link SystemPropertiesCollector}.
 */
public final class EnviCollector implements Collector<Environment> {

    private final ParseOptions options;

    public EnviCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.ENVI;
    }

    @Override
    public Environment parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, in -> json(in, command(), options));
    }

    private Environment fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        if (!line.is("Environment:")) {
            throw line.unparseable("\"Environment:\"");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        while (line.next()) {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            String text = line.text();
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw line.unparseable("<key>=<value>");
            }
            properties.put(text.substring(0, eq), text.substring(eq + 1));
        }
        if (properties.isEmpty()) {
            throw line.truncated("no properties after the header");
        }
        return new Environment(properties);
    }

    /** A flat AdminServer object of properties; shared with {@link SystemPropertiesCollector}. */
    static Environment json(InputStream in, Command command, ParseOptions options) throws CollectorException {
        Map<String, String> properties = new LinkedHashMap<>();
        try (JsonReply reply = JsonReply.open(in, command, options)) {
            reply.fields(name -> properties.put(name, reply.valueText()));
            if (properties.isEmpty()) {
                throw reply.unparseable("at least one property");
            }
        }
        return new Environment(properties);
    }
}
