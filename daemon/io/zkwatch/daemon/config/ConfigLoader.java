package io.zkwatch.daemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link ZkwatchConfig} from a YAML file or from command-line ensembles. Loading checks, besides
 * the file itself, that every file it names can be read now and that every environment variable it names
 * is set, so that a bad reload is refused while the old configuration keeps running.
 */
public final class ConfigLoader {
    /** No configuration is this large; a larger file is a wrong path (a log, a device), not a config. */
    static final long MAX_FILE_BYTES = 1L << 20;

    private final Environment environment;

    ConfigLoader(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** A loader that looks at the process's real environment and file system. */
    static ConfigLoader system() {
        return new ConfigLoader(Environment.system());
    }

    /**
     * Loads and validates a configuration file. Relative paths inside it are taken from the file's directory.
     *
     * @throws ConfigException with every problem found
     */
    public static ZkwatchConfig load(Path file) throws ConfigException {
        return system().read(file);
    }

    /** Validates a file for {@code --check-config}; never throws for a bad file. */
    public static CheckResult check(Path file) {
        return system().checkFile(file);
    }

    /**
     * The configuration of {@code zkwatch --ensemble ... [--listen ...]}: the given ensembles with every
     * setting at its default.
     *
     * @throws ConfigException if the ensembles conflict (a name or a member used twice)
     */
    public static ZkwatchConfig fromCommandLine(List<InlineEnsemble> ensembles, Optional<HostPort> listen)
            throws ConfigException {
        EnsembleSettings settings = EnsembleSettings.defaults();
        AdminConfig admin = AdminConfig.defaults();
        List<EnsembleConfig> configs = new ArrayList<>();
        for (InlineEnsemble e : ensembles) {
            List<MemberEndpoint> members = e.members().stream()
                    .map(m -> EnsembleConfig.resolve(m, Optional.empty(), admin, Optional.empty()))
                    .toList();
            configs.add(new EnsembleConfig(e.name(), members, settings, Optional.empty(), admin));
        }
        return new ZkwatchConfig(listen.orElse(ZkwatchConfig.DEFAULT_LISTEN), configs);
    }

    ZkwatchConfig read(Path file) {
        byte[] bytes = readBytes(file);
        Path absolute = file.toAbsolutePath().normalize();
        return parse(bytes, Optional.ofNullable(absolute.getParent()));
    }

    /** Parses YAML text; {@code baseDir} anchors relative paths (the working directory when empty). */
    ZkwatchConfig parse(String yaml, Optional<Path> baseDir) {
        return parse(yaml.getBytes(StandardCharsets.UTF_8), baseDir);
    }

    CheckResult checkFile(Path file) {
        try {
            return new CheckResult(file, Optional.of(read(file)), List.of());
        } catch (ConfigException e) {
            return new CheckResult(file, Optional.empty(), e.errors());
        }
    }

    private ZkwatchConfig parse(byte[] yaml, Optional<Path> baseDir) {
        return ConfigReader.read(YamlParsing.parse(yaml), new YamlNode.Context(new Problems(), environment, baseDir));
    }

    static byte[] readBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException("", file + " is larger than 1MiB; is it really a zkwatch configuration?");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ConfigException("", file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("", file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }
}
