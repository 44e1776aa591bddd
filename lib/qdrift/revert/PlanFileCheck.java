package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import qdrift.report.FieldDiff;

/**
 * A saved plan is a request, not an authority: apply plans again from Git at the plan's commit and from live, and
 * goes on only when what it derives equals the file, resource by resource (file, type, action, id, Git's side) and
 * call by call (method, path, query, body). Whatever else the file says is never sent: apply sends the calls it
 * derived itself, so every call's target lies in the plan's host, datastores and files by construction.
 */
final class PlanFileCheck {
    private static final List<String> RESOURCE_KEYS = List.of("type", "action", "id", "after");

    private PlanFileCheck() {
    }

    /** The files a saved plan names: the selection re-derivation plans for. */
    static Set<String> files(RevertPlan saved) {
        Set<String> files = new TreeSet<>();
        saved.resources().forEach(r -> files.add(r.file()));
        return files;
    }

    /** The secret variables the saved plan's calls send: re-derivation may fill in these and no others. */
    static Set<String> variables(RevertPlan saved) {
        Set<String> names = new TreeSet<>();
        saved.resources().forEach(r -> r.calls().forEach(c -> names.addAll(WriteBodies.variables(c.body()))));
        return names;
    }

    /** The first way the saved plan differs from the derived one, in words, or null when they are equal. */
    static String firstDifference(RevertPlan saved, RevertPlan derived) {
        JsonNode file = tree(saved);
        JsonNode again = tree(derived);
        if (!file.path("datastores").equals(again.path("datastores"))) {
            return "datastores are " + file.path("datastores") + " in the file, " + again.path("datastores") + " live";
        }
        Iterator<JsonNode> mine = file.path("resources").iterator();
        Iterator<JsonNode> theirs = again.path("resources").iterator();
        while (mine.hasNext() || theirs.hasNext()) {
            if (!theirs.hasNext()) {
                return mine.next().path("file").asText() + " is in the file, but planning again gives no change for it";
            }
            if (!mine.hasNext()) {
                return theirs.next().path("file").asText() + " needs a change that the file leaves out";
            }
            String difference = difference(mine.next(), theirs.next());
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String difference(JsonNode saved, JsonNode derived) {
        String file = saved.path("file").asText();
        if (!file.equals(derived.path("file").asText())) {
            return file + " is in the file where planning again gives " + derived.path("file").asText();
        }
        for (String key : RESOURCE_KEYS) {
            if (!saved.path(key).equals(derived.path(key))) {
                return file + ": its " + key + " is " + brief(saved.path(key)) + " in the file, " + brief(derived.path(key))
                        + " when planned again";
            }
        }
        List<JsonNode> calls = list(saved.path("calls"));
        List<JsonNode> again = list(derived.path("calls"));
        for (int i = 0; i < Math.max(calls.size(), again.size()); i++) {
            JsonNode call = i < calls.size() ? calls.get(i) : null;
            JsonNode derivedCall = i < again.size() ? again.get(i) : null;
            if (call == null || derivedCall == null || !line(call).equals(line(derivedCall))) {
                return file + ": call " + (i + 1) + " is " + (call == null ? "missing" : line(call)) + " in the file, "
                        + (derivedCall == null ? "none" : line(derivedCall)) + " when planned again";
            }
            if (!call.path("body").equals(derivedCall.path("body"))) {
                return file + ": the body of " + line(call) + " differs from the one planned again" + at(call.path("body"), derivedCall.path("body"));
            }
        }
        return null;
    }

    /** "PUT /api/quality-checks/7?archive=true": method, path and query (keys in order). */
    private static String line(JsonNode call) {
        StringBuilder text = new StringBuilder(call.path("method").asText()).append(' ').append(call.path("path").asText());
        Set<String> keys = new TreeSet<>();
        call.path("query").fieldNames().forEachRemaining(keys::add);
        String sep = "?";
        for (String key : keys) {
            text.append(sep).append(key).append('=').append(call.path("query").get(key).asText());
            sep = "&";
        }
        return text.toString();
    }

    private static String at(JsonNode saved, JsonNode derived) {
        if (!saved.isObject() || !derived.isObject()) {
            return "";
        }
        var diff = FieldDiff.between(derived, saved);
        return diff.isEmpty() ? "" : " at " + diff.get(0).path();
    }

    private static String brief(JsonNode value) {
        String text = value.isMissingNode() ? "(none)" : value.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** The plan as its JSON file holds it, so both sides compare with one number and text representation. */
    private static JsonNode tree(RevertPlan plan) {
        return PlanJson.tree(PlanJson.write(plan));
    }
}
