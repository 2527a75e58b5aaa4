package io.zkwatch.daemon.localzk;

import io.zkwatch.daemon.localzk.ServerLine.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The logging backend of a server line and the small configuration that sends its output, at INFO, to the
 * child's standard output (which the launcher redirects into the server's log file).
 *
 * <p>Without a configuration logback logs at DEBUG, which costs the shared CPU real time.
 */
enum Logging {
    /** 3.8 and later ship logback. */
    LOGBACK(List.of(Artifact.managed("ch.qos.logback", "logback-classic")), "logback.xml", """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{ISO8601} [myid:%X{myid}] %-5level [%thread:%logger{0}] - %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """),
    /**
     * 3.5 to 3.7 ship log4j 1 (reload4j in their last releases). The binding is pinned rather than managed
     * because older patch releases manage log4j 1.2.17 instead; any slf4j 1.7 binding works with a 1.7 API.
     */
    RELOAD4J(List.of(Artifact.pinned("org.slf4j", "slf4j-reload4j", "1.7.36"),
            Artifact.pinned("ch.qos.reload4j", "reload4j", "1.2.25")), "log4j.properties", """
            log4j.rootLogger=INFO, OUT
            log4j.appender.OUT=org.apache.log4j.ConsoleAppender
            log4j.appender.OUT.layout=org.apache.log4j.PatternLayout
            log4j.appender.OUT.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] %-5p [%t:%C{1}] - %m%n
            """);

    private final List<Artifact> artifacts;
    private final String fileName;
    private final String content;

    Logging(List<Artifact> artifacts, String fileName, String content) {
        this.artifacts = artifacts;
        this.fileName = fileName;
        this.content = content;
    }

    List<Artifact> artifacts() {
        return artifacts;
    }

    /** Writes the configuration into {@code directory} and returns the JVM option that selects it. */
    String configure(Path directory) throws IOException {
        Path file = directory.resolve(fileName).toAbsolutePath();
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this == LOGBACK
                ? "-Dlogback.configurationFile=" + file
                : "-Dlog4j.configuration=" + file.toUri();
    }
}
