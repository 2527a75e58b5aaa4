package io.zkwatch.daemon.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants are written in the configuration under a short lower-case name. */
interface ConfigName {

    /** The name as written in YAML. */
    String configName();

    /** A name this constant had in an earlier release, refused with a hint to the new one. */
    default Optional<String> formerName() {
        return Optional.empty();
    }

    /** Why {@code name} is not a choice: the renamed constant it once meant, else the list of choices. */
    static <E extends Enum<E> & ConfigName> String notAChoice(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.formerName().equals(Optional.of(name)))
                .findFirst().map(e -> "was renamed " + e.configName() + "; write " + e.configName())
                .orElse("is not one of " + choices(type));
    }

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
