package io.zkwatch.daemon.localzk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What differs between ZooKeeper release lines when assembling a server classpath.
 *
 * <p>The {@code zookeeper} artifact declares Jetty, Jackson, commons-cli, metrics-core and snappy as
 * {@code provided}, so a server needs them listed explicitly; their versions come from the release's own
 * {@code org.apache.zookeeper:parent} pom, imported as a BOM. Only the list of artifacts and the logging
 * backend change from line to line, so adding a release of a known line needs no code, and adding a line is
 * one row here.
 */
enum ServerLine {
    V3_5(5, Logging.RELOAD4J, List.of(Artifact.JSON_SIMPLE)),
    V3_6(6, Logging.RELOAD4J, List.of(Artifact.METRICS_CORE, Artifact.SNAPPY, Artifact.JSON_SIMPLE)),
    V3_7(7, Logging.RELOAD4J, List.of(Artifact.METRICS_CORE, Artifact.SNAPPY)),
    V3_8(8, Logging.LOGBACK, List.of(Artifact.METRICS_CORE, Artifact.SNAPPY)),
    V3_9(9, Logging.LOGBACK, List.of(Artifact.METRICS_CORE, Artifact.SNAPPY));

    /** Needed by every line: AdminServer (Jetty + Jackson) and the command line parser of the server main. */
    private static final List<Artifact> COMMON = List.of(
            Artifact.managed("org.eclipse.jetty", "jetty-server"),
            Artifact.managed("org.eclipse.jetty", "jetty-servlet"),
            Artifact.managed("com.fasterxml.jackson.core", "jackson-databind"),
            Artifact.managed("commons-cli", "commons-cli"));

    private final int minor;
    private final Logging logging;
    private final List<Artifact> extras;

    ServerLine(int minor, Logging logging, List<Artifact> extras) {
        this.minor = minor;
        this.logging = logging;
        this.extras = extras;
    }

    /**
     * The line of a release. Releases before 3.5.5 were built with Ant and published no parent pom, so they
     * cannot be assembled this way. Lines newer than the table use the newest row, which is a best effort.
     */
    static ServerLine of(ZkVersion version) {
        if (version.major() != 3 || !version.atLeast(3, 5, 5)) {
            throw new IllegalArgumentException("ZooKeeper " + version
                    + " is not supported: the harness needs 3.5.5 or newer (earlier releases have no parent pom)");
        }
        for (ServerLine line : values()) {
            if (line.minor == version.minor()) {
                return line;
            }
        }
        return V3_9;
    }

    Logging logging() {
        return logging;
    }

    /** Every artifact the generated pom lists besides {@code zookeeper} itself. */
    List<Artifact> artifacts() {
        List<Artifact> all = new ArrayList<>(COMMON);
        all.addAll(extras);
        all.addAll(logging.artifacts());
        return List.copyOf(all);
    }

    /**
     * A dependency of the generated pom. An empty version means "managed by ZooKeeper's parent pom".
     */
    record Artifact(String groupId, String artifactId, Optional<String> version, List<String> excludedGroups) {
        static final Artifact METRICS_CORE = managed("io.dropwizard.metrics", "metrics-core");
        static final Artifact SNAPPY = managed("org.xerial.snappy", "snappy-java");
        /** Only one release of json-simple exists; pinned so older 3.5 patch releases need no managed entry. */
        static final Artifact JSON_SIMPLE = new Artifact("com.googlecode.json-simple", "json-simple",
                Optional.of("1.1.1"), List.of("junit"));

        Artifact {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(artifactId, "artifactId");
            Objects.requireNonNull(version, "version");
            excludedGroups = List.copyOf(excludedGroups);
        }

        static Artifact managed(String groupId, String artifactId) {
            return new Artifact(groupId, artifactId, Optional.empty(), List.of());
        }

        static Artifact pinned(String groupId, String artifactId, String version) {
            return new Artifact(groupId, artifactId, Optional.of(version), List.of());
        }
    }
}
