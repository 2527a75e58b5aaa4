package io.zkwatch.alerts;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found without a full parser: string literals, label matchers, range
 * and subquery brackets, grouping clauses and offsets are blanked out first; what is left that looks like an
 * identifier and is neither a keyword nor a function call is a metric name. Good enough for alerting rules, where
 * a missed name would show up as a rule that never fires; {@code PromQlNamesTest} pins the tricky cases.
 */
final class PromQlNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset", "atan2", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** A template's {@code query} call with a literal or printf'd PromQL string. */
    private static final Pattern TEMPLATE_QUERY = Pattern.compile(
            "\\bquery\\s*\\(?\\s*(?:printf\\s+)?\"((?:\\\\.|[^\"\\\\])*)\"");

    private PromQlNames() {
    }

    /** Metric names read by {@code expr}. */
    static Set<String> of(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" \"\" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = BRACKETS.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = OFFSET.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean partOfNumber = m.start() > 0
                    && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (partOfNumber || KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) || calledAt(s, m.end())) {
                continue;
            }
            names.add(word);
        }
        return names;
    }

    /** Metric names read by the {@code query} calls of an annotation template ({@code %q} etc. become ""). */
    static Set<String> ofTemplate(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = TEMPLATE_QUERY.matcher(template);
        while (m.find()) {
            String promql = m.group(1).replace("\\\"", "\"").replaceAll("%[a-z]", "\"\"");
            names.addAll(of(promql));
        }
        return names;
    }

    private static boolean calledAt(String s, int end) {
        int i = end;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '(';
    }
}
