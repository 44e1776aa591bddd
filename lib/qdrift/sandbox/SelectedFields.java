package qdrift.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The field names a computed container's definition produces, read from its select list the way a server would
 * after validating the SQL: {@code a, t.b, c AS d} gives a, b, d. A {@code *} anywhere in the list means "every
 * field of the source", which the sandbox cannot enumerate: {@link #ALL}.
 */
final class SelectedFields {
    /** The answer for a select list with a star, or for no select list at all. */
    static final Set<String> ALL = Set.of("*");

    private SelectedFields() {
    }

    /** The fields of a computed container's query ({@code SELECT ... FROM ...}) or select clause. */
    static Set<String> of(String query, String selectClause) {
        if (selectClause != null && !selectClause.isBlank()) {
            return ofList(selectClause);
        }
        if (query == null || query.isBlank()) {
            return ALL;
        }
        String lower = query.toLowerCase(Locale.ROOT);
        int select = lower.indexOf("select");
        if (select < 0) {
            return ALL;
        }
        int from = topLevelFrom(lower, select + 6);
        return ofList(query.substring(select + 6, from < 0 ? query.length() : from));
    }

    private static Set<String> ofList(String list) {
        Set<String> fields = new LinkedHashSet<>();
        for (String item : splitTopLevel(list)) {
            String trimmed = item.trim();
            if (trimmed.contains("*")) {
                return ALL;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            String last = words[words.length - 1];
            int dot = last.lastIndexOf('.');
            fields.add(unquote(dot < 0 ? last : last.substring(dot + 1)));
        }
        return fields.isEmpty() ? ALL : fields;
    }

    /** The fields of {@code before} that {@code after} no longer produces (none when after has a star). */
    static Set<String> dropped(Set<String> before, Set<String> after, Set<String> known) {
        if (after.equals(ALL)) {
            return Set.of();
        }
        Set<String> dropped = new LinkedHashSet<>(before.equals(ALL) ? known : before);
        dropped.removeAll(after);
        return dropped;
    }

    private static String unquote(String name) {
        return name.replaceAll("^[\"`\\[]|[\"`\\]]$", "");
    }

    private static int topLevelFrom(String lower, int start) {
        int depth = 0;
        for (int i = start; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && lower.startsWith("from", i) && boundary(lower, i - 1) && boundary(lower, i + 4)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean boundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index)) && text.charAt(index) != '_';
    }

    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(current.toString());
        return items;
    }
}
