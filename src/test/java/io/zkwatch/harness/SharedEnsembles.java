package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ensemble per version, shared by all tests of a class, started on first use and always closed after
 * the class, whether its tests passed or not.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);
 * ...
 * LocalEnsemble zk = QUORUM.get(version);
 * </pre>
 */
public final class SharedEnsembles implements AfterAllCallback, AutoCloseable {

    private final Function<String, LocalEnsemble.Builder> recipe;
    private final Map<String, LocalEnsemble> started = new LinkedHashMap<>();

    public SharedEnsembles(Function<String, LocalEnsemble.Builder> recipe) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
    }

    /** The started ensemble of {@code version}, starting it now if this is the first request. */
    public synchronized LocalEnsemble get(String version) {
        LocalEnsemble ensemble = started.get(version);
        if (ensemble == null) {
            ensemble = recipe.apply(version).start();
            started.put(version, ensemble);
        }
        return ensemble;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Closes every ensemble, even when one close fails; rethrows the first failure. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (LocalEnsemble ensemble : started.values()) {
            try {
                ensemble.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
