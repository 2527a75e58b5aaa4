package io.zkwatch.daemon.findings;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One wchc dump of one member compared with a cons of the same member taken <em>after</em> it: the sessions that
 * held watches in the dump but had no connection afterwards (and, where the leader's dump was available, were not
 * live sessions either). A candidate is not yet an orphan: it may have closed between the two readings, or be
 * moving to another member; only {@link OrphanDetector} decides, over several observations.
 *
 * @param leaderChecked whether the leader's session list was used to rule out live sessions
 * @param candidates by session id; at most {@link FrameBuilder#MAX_ORPHAN_CANDIDATES}, the smallest ids, so that the
 *     same sessions are kept from one dump to the next
 * @param totalCandidates the exact number of candidates
 */
public record OrphanObservation(Instant wchcAt, Instant consAt, boolean leaderChecked,
                                Map<Long, Candidate> candidates, long totalCandidates) {

    /** A session holding watches without a connection. */
    public record Candidate(long sessionId, long watches, List<String> samplePaths) {
        public Candidate {
            samplePaths = List.copyOf(samplePaths);
        }

        public String hex() {
            return "0x" + Long.toHexString(sessionId);
        }
    }

    public OrphanObservation {
        Objects.requireNonNull(wchcAt, "wchcAt");
        Objects.requireNonNull(consAt, "consAt");
        if (!consAt.isAfter(wchcAt)) {
            throw new IllegalArgumentException("cons must be read after wchc for a sound comparison");
        }
        candidates = Collections.unmodifiableMap(new TreeMap<>(candidates));
        if (totalCandidates < candidates.size()) {
            throw new IllegalArgumentException("fewer candidates in total than listed");
        }
    }
}
