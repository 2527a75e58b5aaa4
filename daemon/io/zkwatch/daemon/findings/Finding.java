package io.zkwatch.daemon.findings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One active finding of one ensemble: one {@code zkwatch_finding} series and one entry of
 * {@code /api/v1/findings}.
 *
 * @param server the member ({@code host:port}), or "" for an ensemble-wide finding
 * @param subjectKind what {@code subject} names, so that client hosts and paths can be redacted on the way out
 * @param subject the client host, session ({@code 0x} hex), metric or command the finding names, or ""
 * @param summary one sentence for a human: what, where, how much
 * @param details structured evidence for the API (JSON-friendly values: strings, numbers, booleans, lists, maps)
 */
public record Finding(FindingKind kind, String server, SubjectKind subjectKind, String subject, String summary,
                      Map<String, Object> details) {

    /** What a finding's subject is. */
    public enum SubjectKind {
        NONE, CLIENT, SESSION, METRIC, COMMAND
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(subjectKind, "subjectKind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        if ((subjectKind == SubjectKind.NONE) != subject.isEmpty()) {
            throw new IllegalArgumentException("a subject needs a kind, and only a subject has one");
        }
        details.forEach((k, v) -> Objects.requireNonNull(v, k));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Identity of the series: kind, server and subject. */
    public String key() {
        return kind.label() + "|" + server + "|" + subject;
    }
}
