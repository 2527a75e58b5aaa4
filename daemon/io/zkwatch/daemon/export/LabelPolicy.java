package io.zkwatch.daemon.export;

import java.util.function.UnaryOperator;

/**
 * How znode paths and client hosts appear in label values. Paths can carry tenant or user names and client
 * addresses are personal data in some places, so both pass through here before they leave the daemon.
 */
public record LabelPolicy(UnaryOperator<String> pathMapper, UnaryOperator<String> clientMapper) {

    public static LabelPolicy raw() {
        return new LabelPolicy(UnaryOperator.identity(), UnaryOperator.identity());
    }

    public String path(String path) {
        return pathMapper.apply(path);
    }

    public String client(String host) {
        return clientMapper.apply(host);
    }
}
