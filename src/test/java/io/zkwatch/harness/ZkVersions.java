package io.zkwatch.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ZooKeeper versions integration tests run against: system property {@code zkwatch.test.zkVersions}
 * (the pom sets {@code 3.9.5,3.8.4}), comma separated. Use as {@code @MethodSource("io.zkwatch.harness.ZkVersions#all")}.
 */
public final class ZkVersions {

    public static final String PROPERTY = "zkwatch.test.zkVersions";
    static final String FALLBACK = "3.9.5,3.8.4";

    private ZkVersions() {
    }

    public static List<String> list() {
        String value = System.getProperty(PROPERTY, FALLBACK);
        List<String> versions = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (versions.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no version: '" + value + "'");
        }
        return versions;
    }

    public static Stream<String> all() {
        return list().stream();
    }

    /** The first, newest, version: for tests that need one real server but not every version. */
    public static String newest() {
        return list().get(0);
    }
}
