package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import qdrift.testing.Fault;
import qdrift.testing.ProjectRoot;

/**
 * docs/fault-matrix.md's "## Fault matrix" and the tests marked @Fault are the same set, one to one: every row names a test that
 * exists and is marked with the row's group, every marked test has its row, and every row says what the user sees,
 * the exit code and what is left behind.
 */
class FaultMatrixTest {
    /** docs/fault-matrix.md sub-headings in their required order, and the @Fault group each stands for. */
    static final Map<String, String> GROUPS = orderedGroups();
    private static final Pattern TEST_CELL = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([a-z][A-Za-z0-9_]*)`");
    private static final Pattern EXIT_CELL = Pattern.compile("\\d{1,3}( or \\d{1,3})?");

    private static Map<String, String> orderedGroups() {
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        groups.put("network", "network");
        groups.put("HTTP", "http");
        groups.put("API shape", "api-shape");
        groups.put("git", "git");
        groups.put("file system", "file-system");
        groups.put("process", "process");
        groups.put("input", "input");
        groups.put("notify", "notify");
        groups.put("revert", "revert");
        return groups;
    }

    record Row(String group, String fault, String sees, String exit, String left, String test, int line) {
    }

    static List<Row> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(ProjectRoot.get().resolve("docs/fault-matrix.md"));
        int start = lines.indexOf("## Fault matrix");
        assertTrue(start >= 0, "docs/fault-matrix.md has no '## Fault matrix' section");
        List<Row> rows = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        String group = null;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("### ")) {
                String heading = line.substring(4).strip();
                assertTrue(GROUPS.containsKey(heading), "docs/fault-matrix.md line " + (i + 1) + ": unknown fault-matrix group '" + heading
                        + "', expected one of " + GROUPS.keySet());
                headings.add(heading);
                group = GROUPS.get(heading);
                continue;
            }
            if (!line.startsWith("|") || line.matches("\\|[\\s:|-]+\\|") || line.startsWith("| fault |")) {
                continue;
            }
            assertTrue(group != null, "docs/fault-matrix.md line " + (i + 1) + ": a fault-matrix row before any ### group heading");
            List<String> cells = cells(line);
            assertEquals(5, cells.size(), "docs/fault-matrix.md line " + (i + 1) + ": a row has five cells (fault, what the user sees, exit,"
                    + " left on disk and on the server, test): " + line);
            rows.add(new Row(group, cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), i + 1));
        }
        List<String> order = new ArrayList<>(GROUPS.keySet());
        order.retainAll(headings);
        assertEquals(order, headings, "the fault-matrix groups appear once each, in the order " + GROUPS.keySet());
        return rows;
    }

    /** The cells of a Markdown table row; a pipe inside backticks (`a|b`) does not split. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** "Class#method" of every method marked @Fault among the compiled test classes, with its group. */
    static Map<String, String> annotatedTests() throws IOException {
        Path classes = Path.of(FaultMatrixTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Map<String, String> tests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                name = name.substring(0, name.length() - ".class".length());
                Class<?> type;
                try {
                    type = Class.forName(name, false, FaultMatrixTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    Fault fault = method.getAnnotation(Fault.class);
                    if (fault != null) {
                        String key = type.getSimpleName() + "#" + method.getName();
                        String previous = tests.put(key, fault.group());
                        assertTrue(previous == null, key + " is marked @Fault twice (overloads or two classes of one name)");
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return tests;
    }

    @Test
    void everyRowSaysWhatHappensAndNamesOneTest() throws IOException {
        List<Row> rows = readmeRows();
        assertTrue(rows.size() >= 50, "the fault matrix has at least 50 rows, not " + rows.size());
        for (Row row : rows) {
            String where = "docs/fault-matrix.md line " + row.line() + ": ";
            assertFalse(row.fault().isBlank(), where + "empty fault");
            assertFalse(row.sees().isBlank(), where + "empty 'what the user sees'");
            assertFalse(row.left().isBlank(), where + "empty 'left on disk and on the server'");
            assertTrue(EXIT_CELL.matcher(row.exit()).matches(), where + "the exit cell is an exit code, not '" + row.exit() + "'");
            assertTrue(TEST_CELL.matcher(row.test()).matches(), where + "the test cell is `ClassName#methodName`, not '" + row.test() + "'");
        }
    }

    @Test
    void theReadmeRowsAndTheFaultTestsAreTheSameSetOneToOne() throws IOException {
        Map<String, String> readme = new TreeMap<>();
        for (Row row : readmeRows()) {
            Matcher test = TEST_CELL.matcher(row.test());
            if (test.matches()) {
                String key = test.group(1) + "#" + test.group(2);
                String previous = readme.put(key, row.group());
                assertTrue(previous == null, "docs/fault-matrix.md line " + row.line() + ": " + key + " pins a second row; one test, one row");
            }
        }
        Map<String, String> annotated = annotatedTests();
        List<String> withoutTest = readme.keySet().stream().filter(k -> !annotated.containsKey(k)).toList();
        List<String> withoutRow = annotated.keySet().stream().filter(k -> !readme.containsKey(k)).toList();
        assertEquals(List.of(), withoutTest, "docs/fault-matrix.md rows naming no @Fault test (renamed, deleted or not marked?)");
        assertEquals(List.of(), withoutRow, "@Fault tests without a docs/fault-matrix.md row");
        for (Map.Entry<String, String> row : readme.entrySet()) {
            assertEquals(row.getValue(), annotated.get(row.getKey()), row.getKey() + ": its @Fault group and its docs/fault-matrix.md table differ");
        }
    }

    @Test
    void theParserSplitsCellsAndSeesPipesInCode() {
        assertEquals(List.of("a", "`x|y`", "3", "", "`T#m`"), cells("| a | `x|y` | 3 |  | `T#m` |"));
        assertEquals(List.of("a|b", "c"), cells("| a\\|b | c |"));
    }
}
