package io.zkwatch.alerts;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The section anchors of a Markdown document as GitHub renders them, for checking {@code runbook_url}s. */
final class Runbook {

    private Runbook() {
    }

    /** Anchors of every heading outside fenced code blocks (a {@code # comment} in a shell block is no heading). */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                anchors.add(slug(line.replaceFirst("#{1,6} ", "")));
            }
        }
        return anchors;
    }

    /** GitHub's slug: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
