//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import qdrift.model.Canonicalizer;

/**
 * Pairs the checks of one datastore across two environments, never by guessing. In turn: same uid and same
 * container+rule+fields+filter; same content apart from the uid; same container+rule+fields+filter; same uid;
 * same container+rule+fields. Each step pairs only what is unique on both sides. Checks still sharing
 * container+rule+fields on both sides afterwards cannot be told apart: they are reported unpaired, with a warning.
 * A check paired by anything but its uid takes the right side's uid, so the uid never shows as a difference.
 */
final class CheckMatcher {
    record Check(String path, ObjectNode body) {
    }

    record Pair(Check left, Check right) {
    }

    record Result(List<Pair> pairs, List<Check> leftOnly, List<Check> rightOnly, List<String> warnings) {
    }

    private final List<Check> left;
    private final List<Check> right;
    private final List<Pair> pairs = new ArrayList<>();

    private CheckMatcher(List<Check> left, List<Check> right) {
        this.left = new ArrayList<>(left);
        this.right = new ArrayList<>(right);
    }

    static Result match(List<Check> left, List<Check> right, String leftLabel, String rightLabel) {
        CheckMatcher matcher = new CheckMatcher(left, right);
        matcher.pass(c -> uid(c) == null ? null : uid(c) + "\u0000" + key(c), false, false);
        matcher.pass(c -> withoutUid(c).toString(), true, true);
        matcher.pass(CheckMatcher::key, true, false);
        matcher.pass(CheckMatcher::uid, false, false);
        matcher.pass(CheckMatcher::looseKey, true, false);
        return new Result(matcher.pairs, matcher.left, matcher.right, matcher.ambiguities(leftLabel, rightLabel));
    }

    /** Pairs checks whose key is unique on both sides (or, with identical, every check of equal groups in turn). */
    private void pass(Function<Check, String> keyOf, boolean adoptUid, boolean identical) {
        Map<String, List<Check>> lefts = group(left, keyOf);
        Map<String, List<Check>> rights = group(right, keyOf);
        lefts.forEach((key, ls) -> {
            List<Check> rs = rights.get(key);
            if (rs == null || (!identical && (ls.size() != 1 || rs.size() != 1))) {
                return;
            }
            for (int i = 0; i < Math.min(ls.size(), rs.size()); i++) {
                Check l = ls.get(i);
                Check r = rs.get(i);
                pairs.add(new Pair(adoptUid ? adoptUid(l, r) : l, r));
                left.remove(l);
                right.remove(r);
            }
        });
    }

    private List<String> ambiguities(String leftLabel, String rightLabel) {
        Map<String, List<Check>> lefts = group(left, CheckMatcher::looseKey);
        Map<String, List<Check>> rights = group(right, CheckMatcher::looseKey);
        List<String> warnings = new ArrayList<>();
        lefts.forEach((key, ls) -> {
            List<Check> rs = rights.get(key);
            if (rs != null) {
                JsonNode body = ls.get(0).body();
                warnings.add("cannot tell apart " + ls.size() + " check(s) in " + leftLabel + " and " + rs.size()
                        + " in " + rightLabel + " with container '" + body.path("container").asText() + "', rule "
                        + body.path("rule_type").asText() + " and fields " + body.path("fields")
                        + ": reported as only on one side each; give them the same _qualytics_check_uid on both sides");
            }
        });
        return warnings;
    }

    private static Map<String, List<Check>> group(List<Check> checks, Function<Check, String> keyOf) {
        Map<String, List<Check>> groups = new LinkedHashMap<>();
        for (Check check : checks) {
            String key = keyOf.apply(check);
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(check);
            }
        }
        return groups;
    }

    private static Check adoptUid(Check left, Check right) {
        String rightUid = uid(right);
        if (rightUid == null || rightUid.equals(uid(left)) || !(left.body().get("additional_metadata") instanceof ObjectNode)) {
            return left;
        }
        ObjectNode body = left.body().deepCopy();
        ((ObjectNode) body.get("additional_metadata")).put(Canonicalizer.CHECK_UID_KEY, rightUid);
        return new Check(left.path(), body);
    }

    private static String uid(Check check) {
        JsonNode uid = check.body().path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY);
        return uid.isTextual() && !uid.asText().isEmpty() ? uid.asText() : null;
    }

    private static String looseKey(Check check) {
        JsonNode body = check.body();
        return body.path("container").asText("") + "\u0000" + body.path("rule_type").asText("") + "\u0000"
                + body.path("fields");
    }

    private static String key(Check check) {
        return looseKey(check) + "\u0000" + check.body().path("filter");
    }

    private static ObjectNode withoutUid(Check check) {
        ObjectNode body = check.body().deepCopy();
        if (body.get("additional_metadata") instanceof ObjectNode metadata) {
            metadata.remove(Canonicalizer.CHECK_UID_KEY);
        }
        return body;
    }
}
