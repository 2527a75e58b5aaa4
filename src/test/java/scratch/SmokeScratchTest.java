package scratch;

import io.zkwatch.daemon.localzk.*;
import io.zkwatch.harness.*;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeScratchTest {
    @Test
    void smoke() throws Exception {
        String v = System.getProperty("smoke.version", "3.9.5");
        int n = Integer.getInteger("smoke.size", 1);
        long t0 = System.nanoTime();
        try (LocalEnsemble e = TestEnsembles.builder(v).size(n).start()) {
            System.out.println("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.connectString());
            for (LocalServer s : e.servers()) {
                System.out.println(s + " " + s.mode() + " pid " + s.pid());
                System.out.println(new String(s.fourLetterWord("conf", Duration.ofSeconds(2))));
            }
            System.out.println("leader " + e.leader());
        }
    }
}
