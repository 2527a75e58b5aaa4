package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real file system with a fixed set of environment variables, so tests never depend on or change the
 * process's environment. Optionally pretends that files under one directory exist (for the documented
 * example, whose /etc paths belong to an operator's machine), recording every path it was asked about.
 */
final class TestEnvironment implements Environment {
    private final Map<String, String> variables = new HashMap<>();
    private final List<Path> asked = new ArrayList<>();
    private Optional<Path> pretendDir = Optional.empty();

    TestEnvironment variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    TestEnvironment pretendFilesExistUnder(Path dir) {
        pretendDir = Optional.of(dir);
        return this;
    }

    List<Path> asked() {
        return List.copyOf(asked);
    }

    ConfigLoader loader() {
        return new ConfigLoader(this);
    }

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public Optional<String> fileProblem(Path path, FileUse use) {
        asked.add(path);
        if (pretendDir.isPresent() && path.startsWith(pretendDir.get())) {
            return Optional.empty();
        }
        return Environment.system().fileProblem(path, use);
    }
}
