package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.SessionDump.Ephemerals;
import io.zkwatch.collectors.SessionDump.TrackedSession;
import io.zkwatch.collectors.SessionDump.Tracker;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Sessions and ephemerals: 4lw {@code dump}, AdminServer {@code dump}.
 *
 * <p>4lw ({@code DumpCommand}): {@code SessionTracker dump:}, the tracker's own listing, {@code ephemeral nodes
 * dump:} with {@code DataTree.dumpEphemerals}, then {@code Connections dump:} (followed by connection sets on
 * the NIO factory, by nothing on Netty). The tracker listing is {@code Session Sets (n)/(m):} with expiry buckets
 * of {@code \t0x<id>} lines on a leader or standalone server ({@code SessionTrackerImpl}, {@code ExpiryQueue.dump}),
 * {@code Global Sessions(n):} with {@code 0x<id>\t<timeout>ms} lines on a learner ({@code LearnerSessionTracker}),
 * either preceded by {@code Local Session Sets} when local sessions are on. The reply is whole once it has
 * reached {@code Connections dump:} and its last line ends with a newline.
 *
 * <p>AdminServer: {@code expiry_time_to_session_ids} (empty on learners) and {@code session_id_to_ephemeral_paths}.
 */
public final class DumpCollector implements Collector<SessionDump> {

    private enum Section { SESSIONS, EPHEMERALS, CONNECTIONS }

    private final ParseOptions options;
    private final int samplePaths;

    /** @param samplePaths ephemeral paths kept per session for reports (the lexicographically smallest) */
    public DumpCollector(ParseOptions options, int samplePaths) {
        this.options = Objects.requireNonNull(options, "options");
        if (samplePaths < 0) {
            throw new IllegalArgumentException("samplePaths < 0");
        }
        this.samplePaths = samplePaths;
    }

    @Override
    public Command command() {
        return Command.DUMP;
    }

    @Override
    public SessionDump parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::json);
    }

    /** Counts one session's ephemerals and keeps a few of their paths. */
    private final class EphemeralTally {
        long count;
        final Smallest<String> samples = new Smallest<>(samplePaths);
    }

    private SessionDump fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        if (!line.is("SessionTracker dump:")) {
            throw line.unparseable("\"SessionTracker dump:\"");
        }
        Map<Long, TrackedSession> sessions = new HashMap<>();
        Map<Long, EphemeralTally> ephemerals = new HashMap<>();
        Tracker tracker = null;
        Section section = Section.SESSIONS;
        boolean local = false;
        boolean learnerList = false;
        EphemeralTally owner = null;
        while (line.next()) {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            if (section == Section.SESSIONS) {
                if (line.is("ephemeral nodes dump:")) {
                    section = Section.EPHEMERALS;
                } else if (line.startsWith("Local Session Sets (")) {
                    local = true;
                } else if (line.startsWith("Session Sets (") || line.startsWith("Global Session Sets (")) {
                    tracker = Tracker.LEADER_OR_STANDALONE;
                    local = false;
                } else if (line.startsWith("Global Sessions(")) {
                    tracker = Tracker.LEARNER;
                    local = false;
                    learnerList = true;
                } else if (learnerList) {
                    learnerSession(line, sessions);
                } else if (line.startsWith("\t")) {
                    long id = line.hexId(1);
                    sessions.merge(id, new TrackedSession(id, OptionalInt.empty(), local), (a, b) -> a.local() ? b : a);
                } else if (!isBucket(line)) {
                    throw line.unparseable("a session set, expiry bucket or session line");
                }
            } else if (section == Section.EPHEMERALS) {
                if (line.is("Connections dump:")) {
                    section = Section.CONNECTIONS;
                } else if (line.startsWith("Sessions with Ephemerals (")) {
                    owner = null;
                } else if (line.startsWith("\t") && owner != null) {
                    owner.count++;
                    owner.samples.offer(GroupedDump.path(line, 1));
                } else if (line.startsWith("0x") && line.length() > 3 && line.byteAt(line.length() - 1) == ':') {
                    owner = ephemerals.computeIfAbsent(line.hexId(0, line.length() - 1), id -> new EphemeralTally());
                } else {
                    throw line.unparseable("a 0x<session>: line or a tab-indented ephemeral path");
                }
            } else if (!line.startsWith("Connections Sets (") && !line.startsWith("\tip: ") && !isBucket(line)) {
                throw line.unparseable("a connection set, expiry bucket or connection line");
            }
        }
        if (section != Section.CONNECTIONS) {
            throw line.truncated("no \"Connections dump:\" line");
        }
        if (tracker == null) {
            throw line.unparseable("a session tracker listing before the ephemerals");
        }
        return new SessionDump(tracker, sessions, toEphemerals(ephemerals));
    }

    private static boolean isBucket(LineScanner line) {
        return line.length() > 0 && Character.isDigit(line.byteAt(0)) && line.byteAt(line.length() - 1) == ':';
    }

    private static void learnerSession(LineScanner line, Map<Long, TrackedSession> sessions)
            throws CollectorException {
        String text = line.text();
        int tab = text.indexOf('\t');
        if (tab < 0 || !text.endsWith("ms")) {
            throw line.unparseable("0x<session><tab><timeout>ms");
        }
        long id = line.hexId(0, tab);
        try {
            int timeout = Integer.parseInt(text.substring(tab + 1, text.length() - 2));
            sessions.put(id, new TrackedSession(id, OptionalInt.of(timeout), false));
        } catch (NumberFormatException e) {
            throw line.unparseable("0x<session><tab><timeout>ms");
        }
    }

    private Map<Long, Ephemerals> toEphemerals(Map<Long, EphemeralTally> tallies) {
        Map<Long, Ephemerals> out = new HashMap<>();
        tallies.forEach((id, t) -> out.put(id, new Ephemerals(id, t.count, t.samples.toList())));
        return out;
    }

    private SessionDump json(InputStream in) throws CollectorException {
        Map<Long, TrackedSession> sessions = new HashMap<>();
        Map<Long, EphemeralTally> ephemerals = new HashMap<>();
        boolean[] seen = {false, false, false};
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> {
                if (name.equals("expiry_time_to_session_ids")) {
                    seen[0] = true;
                    reply.objectEntries(() -> {
                        seen[2] = true;
                        reply.arrayElements(() -> {
                            long id = reply.exactLong();
                            sessions.put(id, new TrackedSession(id, OptionalInt.empty(), false));
                        });
                    });
                } else if (name.equals("session_id_to_ephemeral_paths")) {
                    seen[1] = true;
                    reply.objectEntries(() -> {
                        EphemeralTally t = ephemerals.computeIfAbsent(reply.decimalKey(reply.name()),
                                id -> new EphemeralTally());
                        reply.arrayElements(() -> {
                            t.count++;
                            t.samples.offer(GroupedDump.path(reply, reply.string()));
                        });
                    });
                } else {
                    reply.skip();
                }
            });
            if (!seen[0] || !seen[1]) {
                throw reply.unparseable("expiry_time_to_session_ids and session_id_to_ephemeral_paths fields");
            }
        }
        return new SessionDump(seen[2] ? Tracker.LEADER_OR_STANDALONE : Tracker.UNKNOWN, sessions,
                toEphemerals(ephemerals));
    }
}
