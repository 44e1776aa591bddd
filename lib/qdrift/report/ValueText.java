//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Values as a person reads them in a finding or an alert: "properties.max 100000 → 999999", "tags (none) → [pii]".
 * Secrets are masked (by the key that holds them), long values are cut with "…", line breaks become spaces. Shared by
 * every report format and the notify messages, so each says the same thing the same way.
 */
public final class ValueText {
    /** Longest value shown in full; longer ones are cut to this many characters. */
    public static final int MAX_VALUE_CHARS = 60;
    public static final String ARROW = " → ";
    static final String NONE = "(none)";

    private ValueText() {
    }

    /** One value: text as is, numbers and booleans as written, lists and objects as compact JSON; absent is (none). */
    public static String of(JsonNode value) {
        if (JsonValues.isAbsent(value)) {
            return NONE;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        text = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (text.isEmpty()) {
            return "\"\"";
        }
        return cut(text, MAX_VALUE_CHARS);
    }

    /** "properties.max 100000 → 999999", with the values masked when the path names a secret. */
    public static String change(FieldChange change) {
        return change.path() + " " + of(SecretMask.maskAt(change.path(), change.before())) + ARROW
                + of(SecretMask.maskAt(change.path(), change.after()));
    }

    /** The first max changes, joined by ", ", then " (+N more)". */
    public static String changes(List<FieldChange> changes, int max) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(max, changes.size()); i++) {
            parts.add(change(changes.get(i)));
        }
        String more = changes.size() > max ? " (+" + (changes.size() - max) + " more)" : "";
        return String.join(", ", parts) + more;
    }

    /** text, or its first max-1 characters and "…" (never splitting a surrogate pair). */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
