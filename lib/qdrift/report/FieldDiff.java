//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The changed values between two canonical bodies, as dotted paths: {@code properties.max}, list items by index
 * {@code sources[1].alias}, keys that are not plain words quoted {@code additional_metadata["from quality check id"]}.
 * Lists of scalars (tags, fields, expected values) change as a whole; lists of objects of equal length are compared
 * item by item. A key missing on one side is compared as null, and an explicit null equals a missing key (servers
 * differ in whether they send nulls). Numbers compare by value, so 1 equals 1.0. Paths come out sorted segment by
 * segment: keys alphabetically, list items by index.
 */
public final class FieldDiff {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

    private FieldDiff() {
    }

    public static List<FieldChange> between(JsonNode before, JsonNode after) {
        List<FieldChange> changes = new ArrayList<>();
        JsonNode empty = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        JsonNode left = absentIfNull(before);
        JsonNode right = absentIfNull(after);
        // A body on one side only is a change of each of its top-level fields, not of the unnamed root.
        compare("", left == null && right != null && right.isObject() ? empty : left,
                right == null && left != null && left.isObject() ? empty : right, changes);
        return changes;
    }

    /** True when the two bodies hold the same values (numbers by value, null the same as absent). */
    public static boolean same(JsonNode before, JsonNode after) {
        return between(before, after).isEmpty();
    }

    /** Appends a key to a path, quoting it when it holds anything but letters, digits, '_', '-' or '$'. */
    public static String child(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
        if (before == null && after == null) {
            return;
        }
        if (before != null && after != null) {
            if (before.isObject() && after.isObject()) {
                compareObjects(path, before, after, changes);
                return;
            }
            if (isListOfObjects(before) && isListOfObjects(after) && before.size() == after.size()) {
                for (int i = 0; i < before.size(); i++) {
                    compare(path + "[" + i + "]", absentIfNull(before.get(i)), absentIfNull(after.get(i)), changes);
                }
                return;
            }
            if (JsonValues.equal(before, after)) {
                return;
            }
        }
        changes.add(new FieldChange(path, before, after));
    }

    private static void compareObjects(String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
        TreeSet<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            compare(child(path, key), absentIfNull(before.get(key)), absentIfNull(after.get(key)), changes);
        }
    }

    private static boolean isListOfObjects(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            if (!it.next().isObject()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
