package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.WatchDumpOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The path and prefix tables give the right String for every key, reuse it, and stay bounded past their caps. */
class InterningTablesTest {

    /** Looks {@code text} up inside a larger buffer (as a line sits in the scanner's buffer), adding it on a miss. */
    private static String intern(PathTable table, String text) {
        byte[] key = text.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[key.length + 7];
        System.arraycopy(key, 0, buf, 3, key.length);
        int hash = PathTable.hash(buf, 3, 3 + key.length);
        assertEquals(PathTable.hash(key, 0, key.length), hash, "the hash depends on the bytes, not their place");
        String known = table.get(buf, 3, 3 + key.length, hash);
        if (!known.isEmpty()) {
            return known;
        }
        String made = new String(key, StandardCharsets.UTF_8);
        table.put(buf, 3, 3 + key.length, hash, made);
        return made;
    }

    @Test
    void pathTableReturnsTheSameStringForTheSameBytesAndNeverAnothersString() {
        PathTable table = new PathTable();
        String first = intern(table, "/app/tenant-1/items/item-1");
        assertSame(first, intern(table, "/app/tenant-1/items/item-1"));
        String other = intern(table, "/app/tenant-1/items/item-10");
        assertEquals("/app/tenant-1/items/item-10", other);
        assertNotSame(first, other);
        assertEquals("/ünïcode/パス", intern(table, "/ünïcode/パス"));
        assertEquals("/a", intern(table, "/a"));
        assertEquals(4, table.size());
    }

    @Test
    void pathTableKeepsItsFirstKeysPastItsCapAndStaysCorrect() {
        PathTable table = new PathTable();
        int n = PathTable.MAX_ENTRIES + 1000;
        for (int i = 0; i < n; i++) {
            assertEquals("/p/" + i, intern(table, "/p/" + i));
        }
        assertEquals(PathTable.MAX_ENTRIES, table.size(), "no more than the cap is held");
        String early = intern(table, "/p/7");
        assertSame(early, intern(table, "/p/7"), "keys from before the cap are still held");
        String late = intern(table, "/p/" + (n - 1));
        assertEquals("/p/" + (n - 1), late);
        assertNotSame(late, intern(table, "/p/" + (n - 1)), "keys past the cap are made each time, not held");
    }

    @Test
    void prefixTableAgreesWithTheOptionsAndReusesItsStrings() {
        WatchDumpOptions options = WatchDumpOptions.defaults();
        PrefixTable table = new PrefixTable(options);
        String[] paths = {"/", "/a", "/a/b", "/a/b/c", "/app/tenant-1/items/x", "/zookeeper/config", "//x//y",
            "/é/ü/z"};
        for (String p : paths) {
            assertEquals(options.prefixOf(p), table.of(p), p);
        }
        assertSame(table.of("/app/tenant-7/items/1"), table.of("/app/tenant-7/items/2"));
        for (int i = 0; i < PrefixTable.MAX_ENTRIES * 2 + 5; i++) {
            String p = "/t" + i + "/s/leaf";
            assertEquals(options.prefixOf(p), table.of(p), p);
        }
    }
}
