package io.zkwatch.daemon.localzk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven as a subprocess. Maven, not a hand-written resolver, knows how to read ZooKeeper's poms,
 * honour the user's settings and mirrors, and share the local repository.
 */
final class MavenRunner {

    private final Path executable;

    MavenRunner(Path executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    /** {@code MAVEN_CMD} if set, else the first {@code mvn} on {@code PATH}. */
    static MavenRunner fromEnvironment() {
        String explicit = System.getenv("MAVEN_CMD");
        if (explicit != null && !explicit.isBlank()) {
            return new MavenRunner(Path.of(explicit.trim()));
        }
        return new MavenRunner(findOnPath().orElse(Path.of("mvn")));
    }

    private static Optional<Path> findOnPath() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("mvn", "mvn.cmd")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /**
     * Runs {@code mvn -B -q <goals...>} in {@code directory}, output into {@code log}. Returns normally only
     * when Maven exited with 0.
     */
    void run(Path directory, List<String> arguments, Path log, Duration timeout, String what) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("-B");
        command.add("-q");
        String localRepo = System.getProperty("maven.repo.local");
        if (localRepo != null && !localRepo.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepo);
        }
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new LocalZkException("cannot run Maven (" + executable + ") to " + what
                    + ": install Maven, put mvn on PATH or set MAVEN_CMD. Cause: " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new LocalZkException("Maven did not finish within " + timeout + " to " + what + "\n"
                        + LogTail.of(log, 40));
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalZkException("interrupted while Maven was running to " + what, e);
        }
        if (process.exitValue() != 0) {
            throw new LocalZkException("Maven failed (exit " + process.exitValue() + ") to " + what
                    + "; command: " + String.join(" ", command) + "\n" + LogTail.of(log, 40));
        }
    }
}
