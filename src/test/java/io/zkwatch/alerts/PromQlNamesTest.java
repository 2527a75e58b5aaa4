package io.zkwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsMetricsButNotFunctionsLabelsGroupingOrStrings() {
        String expr = "max by (ensemble, server) (zkwatch_up{job=\"zkwatch\"}) == 0\n"
                + "unless on (ensemble, server) group_left(role) max without (instance) "
                + "(rate(zookeeper_watches[5m] offset 1h)) > 1e3 "
                + "or label_replace(up{instance=~\"a{2}\"}, \"x\", \"$1\", \"job\", \"(zookeeper_not_a_metric)\")";
        assertEquals(Set.of("zkwatch_up", "zookeeper_watches", "up"), PromQlNames.of(expr));
    }

    @Test
    void readsQueriesOfAnnotationTemplates() {
        String template = "{{ with query (printf \"max(zkwatch_orphaned_watches{ensemble=%q,server=%q})\" "
                + "$labels.ensemble $labels.server) }}{{ . | first | value }}{{ end }} and "
                + "{{ range query \"sum by (type) (zkwatch_skew_ratio{reason=\\\"x\\\"})\" }}{{ end }} "
                + "{{ $labels.server }} zkwatch_in_prose_is_no_query";
        assertEquals(Set.of("zkwatch_orphaned_watches", "zkwatch_skew_ratio"), PromQlNames.ofTemplate(template));
    }

    @Test
    void anchorsIgnoreCommentsInCodeBlocks() {
        String md = "# zkwatch runbook\n## ZkwatchMemberDown\n```sh\n# not a heading\n```\n### Before you start\n";
        assertEquals(Set.of("zkwatch-runbook", "zkwatchmemberdown", "before-you-start"), Runbook.anchors(md));
    }
}
