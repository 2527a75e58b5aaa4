package io.zkwatch.daemon.export;

import io.zkwatch.collectors.WatchDump;
import io.zkwatch.daemon.snapshot.EnsembleView;
import io.zkwatch.daemon.config.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an ensemble's znode paths and client hosts leave zkwatch: the one policy that {@code /metrics}, the JSON API
 * (and so the web page, which renders it) and the log lines about findings apply. The snapshot keeps the real
 * identities, so detectors compare real paths and hosts; only what is shown passes through here.
 *
 * <p>Shortening (a path prefix, a client network) maps many items to one: the list methods here sum items that
 * come out alike, so that no two series or rows share a label set and totals still add up.
 */
public final class LabelPolicy {

    /** Shown in place of a client host that is dropped, or cannot be shortened because it is no IP address. */
    public static final String REDACTED = "redacted";

    private final RedactionRule paths;
    private final RedactionRule clients;

    private LabelPolicy(RedactionRule paths, RedactionRule clients) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public static LabelPolicy of(RedactionRule paths, RedactionRule clients) {
        return new LabelPolicy(paths, clients);
    }

    /**
     * The policy an ensemble's settings ask for, reading its HMAC key files now. A key file's content, less one
     * trailing newline (as with password files), is the key.
     */
    public static LabelPolicy from(Redaction r) throws IOException {
        RedactionRule paths = switch (r.paths()) {
            case RAW -> RedactionRule.raw();
            case PREFIX -> RedactionRule.pathPrefix(r.pathDepth());
            case HMAC -> RedactionRule.hmac(key(r.pathKeyFile().orElseThrow()));
            case DROP -> RedactionRule.drop();
        };
        RedactionRule clients = switch (r.clients()) {
            case RAW -> RedactionRule.raw();
            case PREFIX -> RedactionRule.network(r.ipv4Prefix(), r.ipv6Prefix());
            case HMAC -> RedactionRule.hmac(key(r.clientKey().orElseThrow()));
            case DROP -> RedactionRule.drop();
        };
        return of(paths, clients);
    }

    private static byte[] key(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
            n -= n > 1 && bytes[n - 2] == '\r' ? 2 : 1;
        }
        if (n == 0) {
            throw new IOException(file + " is empty; an HMAC key needs at least one byte (32 random bytes are best)");
        }
        return Arrays.copyOf(bytes, n);
    }

    /** Paths and client hosts as they are. */
    public static LabelPolicy raw() {
        return of(RedactionRule.raw(), RedactionRule.raw());
    }

    /** No per-path or per-prefix output at all; client hosts as they are. */
    public static LabelPolicy drop() {
        return of(RedactionRule.drop(), RedactionRule.raw());
    }

    /** Paths as an HMAC under {@code key}; client hosts as they are. */
    public static LabelPolicy hmac(byte[] key) {
        return of(RedactionRule.hmac(key), RedactionRule.raw());
    }

    /** The path as it may leave zkwatch, or empty when paths are dropped. */
    public Optional<String> path(String path) {
        return paths.apply(path);
    }

    /** Whether any path is shown at all. */
    public boolean showsPaths() {
        return paths.shows();
    }

    /** A list of paths as they may leave zkwatch, in order, without repeats (empty when dropped). */
    public List<String> paths(List<String> list) {
        return list.stream().map(this::path).flatMap(Optional::stream).distinct().toList();
    }

    /** The client host as it may leave zkwatch, or empty when hosts are dropped. "unknown" stays as it is. */
    public Optional<String> client(String host) {
        return host.equals(EnsembleView.UNKNOWN_CLIENT) ? Optional.of(host) : clients.apply(host);
    }

    /** The client host as a label value: {@link #REDACTED} where it is dropped. */
    public String clientLabel(String host) {
        return client(host).orElse(REDACTED);
    }

    /** Whether per-host series and rows are shown at all. */
    public boolean showsClients() {
        return clients.shows();
    }

    /**
     * Client rows of one member with their hosts as shown, rows that come out alike summed, ordered as
     * {@link EnsembleView} orders them (most connections first); empty when hosts are dropped.
     */
    public List<EnsembleView.ClientRow> clientRows(List<EnsembleView.ClientRow> rows) {
        if (!showsClients()) {
            return List.of();
        }
        Map<String, EnsembleView.ClientRow> byLabel = new LinkedHashMap<>();
        for (EnsembleView.ClientRow r : rows) {
            String label = clientLabel(r.host());
            byLabel.merge(label, new EnsembleView.ClientRow(r.server(), label, r.connections(), r.sessions(),
                    r.watches()), (a, b) -> new EnsembleView.ClientRow(a.server(), label,
                    a.connections() + b.connections(), a.sessions() + b.sessions(), a.watches() + b.watches()));
        }
        List<EnsembleView.ClientRow> out = new ArrayList<>(byLabel.values());
        out.sort(Comparator.comparingLong(EnsembleView.ClientRow::connections).reversed()
                .thenComparing(Comparator.comparingLong(EnsembleView.ClientRow::watches).reversed())
                .thenComparing(EnsembleView.ClientRow::host));
        return out;
    }

    /**
     * The most-watched paths as shown, paths that come out alike summed (their watchers add up to the watches under
     * the shown prefix), most first; empty when paths are dropped.
     */
    public List<WatchDump.PathWatchers> topPaths(List<WatchDump.PathWatchers> top) {
        Map<String, Long> summed = new LinkedHashMap<>();
        for (WatchDump.PathWatchers p : top) {
            path(p.path()).ifPresent(shown -> summed.merge(shown, p.watchers(), Long::sum));
        }
        return summed.entrySet().stream().map(e -> new WatchDump.PathWatchers(e.getKey(), e.getValue()))
                .sorted(WatchDump.MOST_WATCHED_FIRST).toList();
    }

    /** Watches per path prefix as shown, prefixes that come out alike summed, most first; empty when dropped. */
    public List<Map.Entry<String, Long>> prefixes(Map<String, Long> byPrefix) {
        Map<String, Long> summed = new LinkedHashMap<>();
        byPrefix.forEach((prefix, watches) -> path(prefix).ifPresent(shown -> summed.merge(shown, watches, Long::sum)));
        return summed.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * {@code text} with every occurrence of the given paths and client hosts replaced as this policy shows them
     * (a dropped one by {@link #REDACTED}). For sentences written for humans, such as a finding's summary, that
     * name identities also held in structured fields. An occurrence counts only where it stands alone, so that
     * host {@code 10.0.0.1} is not found inside {@code 10.0.0.12} or the member address {@code 10.0.0.1:2181}.
     */
    public String text(String text, Collection<String> pathsNamed, Collection<String> hostsNamed) {
        Map<String, String> replacements = new LinkedHashMap<>();
        for (String p : pathsNamed) {
            if (!p.isEmpty()) {
                replacements.put(p, path(p).orElse(REDACTED));
            }
        }
        for (String h : hostsNamed) {
            if (!h.isEmpty()) {
                replacements.put(h, clientLabel(h));
            }
        }
        replacements.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
        if (replacements.isEmpty()) {
            return text;
        }
        List<String> longestFirst = new ArrayList<>(replacements.keySet());
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String raw : longestFirst) {
                if (text.startsWith(raw, i) && standsAlone(text, i, i + raw.length())) {
                    out.append(replacements.get(raw));
                    i += raw.length();
                    continue outer;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    private static boolean standsAlone(String text, int start, int end) {
        return !continues(text, start - 1, -1) && !continues(text, end, 1);
    }

    /**
     * Whether the character at {@code at} continues an address or a path rather than ends it: a letter, digit,
     * {@code -} or {@code _}, or a {@code .}, {@code :} or {@code /} with a letter or digit beyond it (so that a
     * full stop ends a sentence, but {@code :2181} extends an address).
     */
    private static boolean continues(String text, int at, int direction) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
            return true;
        }
        int beyond = at + direction;
        return (c == '.' || c == ':' || c == '/') && beyond >= 0 && beyond < text.length()
                && Character.isLetterOrDigit(text.charAt(beyond));
    }
}
