package io.zkwatch.daemon.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/faults.md is kept honest: every reason its table names is a real {@link FailureKind} label, every case of
 * issue #7 has a row, and every test a row cites exists and is a test.
 */
class FaultTableTest {

    private static final Path DOC = Path.of("docs/faults.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern TEST = Pattern.compile("^(\\w+Test)#(\\w+)$");
    private static final List<String> PACKAGES = List.of("io.zkwatch.daemon.faults", "io.zkwatch.daemon.poll");

    /** The table's rows, each split into its cells. */
    private static List<List<String>> rows() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            if (line.matches("^\\| \\d+[a-z]? \\|.*")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toList();
                assertEquals(7, cells.size(), line);
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> code(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyCaseOfTheIssueHasARow() throws Exception {
        Set<String> cases = rows().stream().map(r -> r.get(0).replaceAll("[a-z]", "")).collect(Collectors.toSet());
        for (int i = 1; i <= 11; i++) {
            assertTrue(cases.contains(Integer.toString(i)), "no row for case " + i);
        }
    }

    @Test
    void everyReasonInTheTableIsARealFailureKindLabel() throws Exception {
        Set<String> reasons = Arrays.stream(FailureKind.values()).map(FailureKind::label).collect(Collectors.toSet());
        Set<String> commands = Arrays.stream(Command.values()).map(Command::label).collect(Collectors.toSet());
        int named = 0;
        for (List<String> row : rows()) {
            for (String token : code(row.get(3))) {
                if (token.startsWith("source: ")) {
                    continue;
                }
                assertTrue(reasons.contains(token) || commands.contains(token),
                        "row " + row.get(0) + ": `" + token + "` is neither a reason label nor a command");
                named += reasons.contains(token) ? 1 : 0;
            }
        }
        assertTrue(named >= 11, "the table names reasons");
    }

    @Test
    void everyCitedTestExists() throws Exception {
        for (List<String> row : rows()) {
            List<String> cited = code(row.get(6));
            assertFalse(cited.isEmpty(), "row " + row.get(0) + " cites no test");
            for (String ref : cited) {
                Matcher m = TEST.matcher(ref);
                assertTrue(m.matches(), "row " + row.get(0) + ": `" + ref + "` is not Class#method");
                Method method = find(m.group(1), m.group(2));
                assertTrue(method.isAnnotationPresent(Test.class), ref + " is not a @Test");
            }
        }
    }

    private static Method find(String simpleName, String method) {
        for (String pkg : PACKAGES) {
            try {
                return Class.forName(pkg + "." + simpleName).getDeclaredMethod(method);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // try the next package
            }
        }
        throw new AssertionError(simpleName + "#" + method + " not found in " + PACKAGES);
    }
}
