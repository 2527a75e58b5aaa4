package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.ParentWatchdog;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server child must not outlive a parent JVM that was killed outright (no shutdown hook runs then): the
 * watchdog halts it. A {@code sleep} process plays the parent so that it can be SIGKILLed.
 */
class ParentWatchdogTest {

    @Test
    void theChildHaltsWhenItsParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "120").start();
        Process child = null;
        try {
            String classpath = codeSource(ParentWatchdog.class) + File.pathSeparator + codeSource(SleepForever.class);
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", classpath, ParentWatchdog.class.getName(),
                    Long.toString(parent.pid()), SleepForever.class.getName()).redirectErrorStream(true).start();
            assertTrue(!child.waitFor(1, TimeUnit.SECONDS), "the child must run while its parent lives");
            parent.destroyForcibly().waitFor();
            assertTrue(child.waitFor(15, TimeUnit.SECONDS), "the child outlived its killed parent");
            assertEquals(4, child.exitValue(), "halted by the watchdog");
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
