package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.LocalServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The client load behind the captured fixtures, modelled on the 3.9.6 reference legend: data, exists (on a
 * missing node), child, persistent and persistent-recursive watches over sessions on two followers and the
 * leader, a few ephemerals, a session from a second loopback address, and paths with odd characters.
 */
final class FixtureLoad {

    /** Paths that exercise escaping: space, quote, backslash, non-ASCII, and the label-syntax characters. */
    static final List<String> ODD_PATHS = List.of(
            "/probe/odd/with space",
            "/probe/odd/quote\"d",
            "/probe/odd/back\\slash",
            "/probe/odd/ünïcödé-节点-λ",
            "/probe/odd/comma,equals=brace{}",
            "/probe/odd/percent%20hash#");
    static final String ODD_MISSING = "/probe/odd/missing \"quoted\" ü";
    static final String ODD_EPHEMERAL = "/probe/odd/eph ü \"x\"";

    /** One session of the load, as the legend describes it. */
    record SessionNote(String name, LocalServer member, String hexId, String what) {
    }

    private static final Watcher IGNORE = event -> { };

    private FixtureLoad() {
    }

    /** Creates the tree with a session on the leader, then opens and loads every session. */
    static List<SessionNote> apply(Clients clients, LocalServer leader, LocalServer follower, LocalServer other,
                                   boolean persistentWatches) throws KeeperException, InterruptedException {
        List<SessionNote> notes = new ArrayList<>();
        ZooKeeper l = clients.connectPinned(leader);
        for (int i = 0; i < 25; i++) {
            Clients.create(l, "/probe/data/n" + i, "value-" + i);
        }
        for (String p : List.of("/probe/dir1/x", "/probe/dir2/y", "/probe/persist", "/probe/tree/a/b", "/probe/eph")) {
            Clients.create(l, p, "");
        }
        for (String p : ODD_PATHS) {
            Clients.create(l, p, "odd");
        }
        Clients.watchData(l, "/probe/data/n0", IGNORE);
        Clients.watchExists(l, "/probe/data/missing-L", IGNORE);
        Clients.createEphemeral(l, "/probe/eph/l-1");
        notes.add(new SessionNote("L", leader, Clients.hexId(l),
                "created the tree; getData /probe/data/n0, exists on missing /probe/data/missing-L; ephemeral /probe/eph/l-1"));

        ZooKeeper a = clients.connectPinned(follower);
        dataWatches(a, 0, 10);
        Clients.watchExists(a, "/probe/data/missing-A", IGNORE);
        Clients.createEphemeral(a, "/probe/eph/a-1");
        notes.add(new SessionNote("A", follower, Clients.hexId(a),
                "getData /probe/data/n0..n9 + exists on missing /probe/data/missing-A (11 data watches); ephemeral /probe/eph/a-1"));

        ZooKeeper b = clients.connectPinned(follower);
        for (String p : List.of("/probe/dir1", "/probe/dir2", "/probe/data")) {
            Clients.watchChildren(b, p, IGNORE);
        }
        dataWatches(b, 0, 5);
        notes.add(new SessionNote("B", follower, Clients.hexId(b),
                "getChildren /probe/dir1, /probe/dir2, /probe/data (child watches: not in wchc/wchp/wchs) + getData n0..n4 (5 data watches)"));

        ZooKeeper c = clients.connectPinned(follower);
        if (persistentWatches) {
            Clients.watchPersistent(c, "/probe/persist", IGNORE);
            Clients.watchPersistent(c, "/probe/data/not-yet-there", IGNORE);
            Clients.watchPersistentRecursive(c, "/probe/tree", IGNORE);
            notes.add(new SessionNote("C", follower, Clients.hexId(c),
                    "addWatch PERSISTENT /probe/persist and /probe/data/not-yet-there, PERSISTENT_RECURSIVE /probe/tree"));
        } else {
            notes.add(new SessionNote("C", follower, Clients.hexId(c),
                    "no watches: addWatch (persistent watches) needs ZooKeeper 3.6+"));
        }

        ZooKeeper d = clients.connectPinned(follower);
        Clients.watchData(d, "/probe/dir1", IGNORE);
        Clients.watchChildren(d, "/probe/dir1", IGNORE);
        Clients.watchExists(d, "/probe/data/n20", IGNORE);
        Clients.createEphemeral(d, "/probe/eph/d-1");
        Clients.createEphemeral(d, "/probe/eph/d-2");
        notes.add(new SessionNote("D", follower, Clients.hexId(d),
                "getData + getChildren /probe/dir1, exists /probe/data/n20 (2 data watches); ephemerals /probe/eph/d-1, d-2"));

        ZooKeeper e = clients.connectPinned(other);
        dataWatches(e, 20, 25);
        Clients.watchChildren(e, "/probe/tree", IGNORE);
        notes.add(new SessionNote("E", other, Clients.hexId(e),
                "getData /probe/data/n20..n24 (5 data watches) + getChildren /probe/tree"));

        ZooKeeper o = clients.connectPinned(other);
        for (String p : ODD_PATHS) {
            Clients.watchData(o, p, IGNORE);
        }
        Clients.watchExists(o, ODD_MISSING, IGNORE);
        Clients.createEphemeral(o, ODD_EPHEMERAL);
        notes.add(new SessionNote("O", other, Clients.hexId(o), "getData on the " + ODD_PATHS.size()
                + " odd paths + exists on missing '" + ODD_MISSING + "'; ephemeral '" + ODD_EPHEMERAL + "'"));

        ZooKeeper h = clients.connectFrom("127.0.0.2", other);
        dataWatches(h, 20, 22);
        notes.add(new SessionNote("H", other, Clients.hexId(h),
                "from client address 127.0.0.2: getData /probe/data/n20, n21 (2 data watches)"));
        return notes;
    }

    private static void dataWatches(ZooKeeper zk, int from, int to) throws KeeperException, InterruptedException {
        for (int i = from; i < to; i++) {
            Clients.watchData(zk, "/probe/data/n" + i, IGNORE);
        }
    }
}
