package io.zkwatch.daemon.localzk;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jars of one ZooKeeper server release, resolved from Maven Central through a generated pom and cached
 * per version ({@code <cacheRoot>/<version>/classpath.txt}).
 *
 * <p>The server runs in a child JVM on exactly this classpath: ZooKeeper's AdminServer needs Jetty 9.4 while
 * zkwatch itself runs Jetty 12, so the two can never share a JVM. Resolution is safe when several test JVMs
 * and threads ask for the same version at once: the first one resolves under a file lock, the others wait
 * and then read its result.
 */
public final class ZkDistribution {

    private static final String CLASSPATH_FILE = "classpath.txt";
    private static final String POM_FILE = "pom.xml";

    /**
     * {@link FileChannel#lock()} refuses a second lock from the same JVM with an exception instead of
     * waiting, so threads of one JVM queue here before they take the file lock.
     */
    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM_LOCKS = new ConcurrentHashMap<>();

    private final ZkVersion version;
    private final ServerLine line;
    private final Path directory;
    private final List<Path> classpath;

    private ZkDistribution(ZkVersion version, ServerLine line, Path directory, List<Path> classpath) {
        this.version = version;
        this.line = line;
        this.directory = directory;
        this.classpath = List.copyOf(classpath);
    }

    /** Resolves {@code version} with the default cache root and Maven from the environment. */
    public static ZkDistribution resolve(String version) {
        return resolver().resolve(version);
    }

    /** A resolver with the defaults: {@link #defaultCacheRoot()}, {@code MAVEN_CMD} or {@code mvn}, 10 minutes. */
    public static Resolver resolver() {
        return new Resolver(defaultCacheRoot(), MavenRunner.fromEnvironment(), Duration.ofMinutes(10));
    }

    /** {@code target/zk-dist} under the working directory: a build's output, removed by {@code mvn clean}. */
    public static Path defaultCacheRoot() {
        return Path.of("target", "zk-dist").toAbsolutePath();
    }

    /** The release, as given, for example {@code 3.9.5}. */
    public String version() {
        return version.text();
    }

    /** The server's jars, in Maven's order. */
    public List<Path> classpath() {
        return classpath;
    }

    /** Where the generated pom, Maven's log and the cached classpath live. */
    public Path directory() {
        return directory;
    }

    ZkVersion zkVersion() {
        return version;
    }

    ServerLine line() {
        return line;
    }

    @Override
    public String toString() {
        return "ZooKeeper " + version + " (" + classpath.size() + " jars)";
    }

    /** Immutable settings for resolution; each setter returns a new resolver. */
    public static final class Resolver {
        private final Path cacheRoot;
        private final MavenRunner maven;
        private final Duration timeout;

        private Resolver(Path cacheRoot, MavenRunner maven, Duration timeout) {
            this.cacheRoot = cacheRoot.toAbsolutePath();
            this.maven = maven;
            this.timeout = timeout;
        }

        public Resolver cacheRoot(Path root) {
            return new Resolver(Objects.requireNonNull(root, "root"), maven, timeout);
        }

        /** The Maven executable to run, overriding {@code MAVEN_CMD} and {@code PATH}. */
        public Resolver mavenExecutable(Path executable) {
            return new Resolver(cacheRoot, new MavenRunner(executable), timeout);
        }

        public Resolver timeout(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            return new Resolver(cacheRoot, maven, limit);
        }

        /**
         * Returns the cached classpath of {@code version}, resolving it first if needed.
         *
         * @throws IllegalArgumentException if the text is not a supported version
         * @throws LocalZkException if Maven is missing or fails; the message has the tail of its output
         */
        public ZkDistribution resolve(String versionText) {
            ZkVersion version = ZkVersion.parse(versionText);
            ServerLine line = ServerLine.of(version);
            Path dir = cacheRoot.resolve(version.text());
            String pom = ServerPom.render(version, line);
            Optional<List<Path>> ready = cached(dir, pom);
            if (ready.isPresent()) {
                return new ZkDistribution(version, line, dir, ready.get());
            }
            ReentrantLock inJvm = IN_JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
            inJvm.lock();
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        List<Path> jars = cached(dir, pom).orElseGet(() -> runMaven(dir, pom, version));
                        return new ZkDistribution(version, line, dir, jars);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new LocalZkException("cannot prepare " + dir + " for ZooKeeper " + version + ": " + e, e);
            } finally {
                inJvm.unlock();
            }
        }

        private List<Path> runMaven(Path dir, String pom, ZkVersion version) {
            try {
                // An unlocked reader must never pair the new pom with an old classpath.
                Files.deleteIfExists(dir.resolve(CLASSPATH_FILE));
                writeAtomically(dir.resolve(POM_FILE), pom);
                Path part = dir.resolve(CLASSPATH_FILE + ".part");
                Files.deleteIfExists(part);
                maven.run(dir, List.of("-f", POM_FILE, "dependency:build-classpath",
                                "-Dmdep.outputFile=" + part.getFileName(), "-Dmdep.includeScope=runtime"),
                        dir.resolve("mvn.log"), timeout, "resolve the ZooKeeper " + version + " server classpath");
                List<Path> jars = parse(Files.readString(part, StandardCharsets.UTF_8));
                if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("zookeeper-" + version.text()))) {
                    throw new LocalZkException("Maven resolved no zookeeper-" + version + ".jar; see " + dir);
                }
                Files.move(part, dir.resolve(CLASSPATH_FILE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                return jars;
            } catch (IOException e) {
                throw new LocalZkException("cannot resolve ZooKeeper " + version + " in " + dir + ": " + e, e);
            }
        }
    }

    /** The cached classpath, if it was made from the same pom and every jar is still there. */
    private static Optional<List<Path>> cached(Path dir, String pom) {
        try {
            Path pomFile = dir.resolve(POM_FILE);
            Path cpFile = dir.resolve(CLASSPATH_FILE);
            if (!Files.isRegularFile(pomFile) || !Files.isRegularFile(cpFile)
                    || !Files.readString(pomFile, StandardCharsets.UTF_8).equals(pom)) {
                return Optional.empty();
            }
            List<Path> jars = parse(Files.readString(cpFile, StandardCharsets.UTF_8));
            return jars.isEmpty() || !jars.stream().allMatch(Files::isRegularFile)
                    ? Optional.empty() : Optional.of(jars);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> parse(String text) {
        List<Path> jars = new ArrayList<>();
        for (String entry : text.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry.strip()));
            }
        }
        return jars;
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
