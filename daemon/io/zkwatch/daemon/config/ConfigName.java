package io.zkwatch.daemon.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants are written in the configuration under a short lower-case name. */
interface ConfigName {

    /** The name as written in YAML. */
    String configName();

    static <E extends Enum<E> & ConfigName> Optional<E> find(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.configName().equals(name)).findFirst();
    }

    /** The allowed names, for error messages: {@code auto, 4lw or admin}. */
    static <E extends Enum<E> & ConfigName> String choices(Class<E> type) {
        String[] names = Arrays.stream(type.getEnumConstants()).map(ConfigName::configName).toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "))
                + " or " + names[names.length - 1];
    }
}
