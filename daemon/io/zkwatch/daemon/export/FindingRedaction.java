package io.zkwatch.daemon.export;

import io.zkwatch.daemon.findings.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A finding as it may leave zkwatch ({@code zkwatch_finding}, {@code /api/v1/findings}, the log line when it
 * starts or ends): its subject, summary and evidence with every client host and znode path passed through the
 * ensemble's {@link LabelPolicy}.
 *
 * <p>The evidence names identities under fixed keys, at any depth: {@code client} (a host), {@code path} and
 * {@code sample_paths} (znode paths). A summary, written for humans, may name only identities that also stand in
 * the subject or under those keys; they are replaced in it wherever they stand alone.
 */
public final class FindingRedaction {

    private FindingRedaction() {
    }

    /** The finding as {@code labels} shows it; the same finding when nothing is hidden. */
    public static Finding apply(LabelPolicy labels, Finding f) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        if (f.subjectKind() == Finding.SubjectKind.CLIENT) {
            hosts.add(f.subject());
        }
        collect(f.details(), "", hosts, paths);
        String subject = f.subjectKind() == Finding.SubjectKind.CLIENT ? labels.clientLabel(f.subject()) : f.subject();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) Objects.requireNonNullElse(
                redact(labels, f.details(), ""), Map.of());
        return new Finding(f.kind(), f.server(), f.subjectKind(), subject, labels.text(f.summary(), paths, hosts),
                details);
    }

    /** Structured evidence ({@code checks} of the findings API, say) with its hosts and paths shown as policy says. */
    public static Object details(LabelPolicy labels, Object value) {
        return redact(labels, value, "");
    }

    private static void collect(Object value, String key, Set<String> hosts, Set<String> paths) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(v, String.valueOf(k), hosts, paths));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, key, hosts, paths));
        } else if (value instanceof String text) {
            switch (key) {
                case "client" -> hosts.add(text);
                case "path", "sample_paths" -> paths.add(text);
                default -> { }
            }
        }
    }

    /**
     * The evidence with every path and host shown as the policy says. A dropped path leaves no trace: its entry, or
     * the nested map that describes it, is left out; a dropped host becomes {@link LabelPolicy#REDACTED}.
     */
    private static Object redact(LabelPolicy labels, Object value, String key) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                Object v = redact(labels, e.getValue(), k);
                if (v == null && k.equals("path") && !key.isEmpty()) {
                    return null;
                }
                if (v != null) {
                    out.put(k, v);
                }
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                Object shown = redact(labels, v, key);
                if (shown != null && !(key.equals("sample_paths") && out.contains(shown))) {
                    out.add(shown);
                }
            }
            return out;
        }
        if (value instanceof String text) {
            return switch (key) {
                case "path", "sample_paths" -> labels.path(text).orElse(null);
                case "client" -> labels.clientLabel(text);
                default -> text;
            };
        }
        return value;
    }
}
