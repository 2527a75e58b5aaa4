package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import java.util.Objects;

/**
 * JVM system properties: AdminServer {@code system_properties} (no 4lw in 3.9). The source of the watch-manager
 * settings ({@link Environment#watchManagerName()} and the cleaner's threshold and interval).
 */
public final class SystemPropertiesCollector implements Collector<Environment> {

    private final ParseOptions options;

    public SystemPropertiesCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.SYSTEM_PROPERTIES;
    }

    @Override
    public Environment parse(Reply reply) throws CollectorException {
        return Replies.read(reply, command(), in -> EnviCollector.json(in, command(), options));
    }
}
