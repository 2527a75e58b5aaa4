package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import java.nio.file.Path;

/**
 * Ensemble builders for tests: directories under {@code zkwatch.test.workDir} (the pom sets
 * {@code target/zk-test}), kept after the run so a failure's server logs can be read.
 */
public final class TestEnsembles {

    private TestEnsembles() {
    }

    public static Path workDirectory() {
        return Path.of(System.getProperty("zkwatch.test.workDir", "target/zk-test")).toAbsolutePath();
    }

    public static LocalEnsemble.Builder builder(String version) {
        return LocalEnsemble.builder(version).workDirectory(workDirectory());
    }

    public static LocalEnsemble.Builder standalone(String version) {
        return builder(version).size(1);
    }

    public static LocalEnsemble.Builder quorum(String version) {
        return builder(version).size(3);
    }
}
