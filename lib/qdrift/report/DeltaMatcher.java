//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import qdrift.model.Canonicalizer;
import qdrift.model.ResourceType;

/**
 * Pairs a removed and an added resource that are one resource renamed, moved or re-filed, never by guessing: each
 * pass pairs only what is unique on both sides. In turn: checks by their stored uid; then, parents first
 * (connection, datastore, container, computed field, check), within the parent's new name when the parent was
 * paired: a datastore or container with the same content and children apart from names, then the same content with
 * the same name, then the same content under another name; then a check with the same container, rule and content
 * apart from its fields (its fields changed, so its file did), then the same container, rule and fields (its other
 * settings changed too); then a check or computed field with the same content moved to another container.
 * Content is compared on the canonical form: a key absent, null or empty is the same.
 * A pair is RENAMED when the name or place changed, MODIFIED (with the old file) when only the file name did.
 */
final class DeltaMatcher {
    /** A removed and an added delta that are one resource; kind is RENAMED or MODIFIED. */
    record Pair(ResourceDelta removed, ResourceDelta added, ChangeKind kind) {
    }

    /** newNames: old name to new of every renamed connection, datastore and container. */
    record Result(List<ResourceDelta> unpaired, List<Pair> pairs, Map<String, String> newNames) {
    }

    /** The keys that place a resource under its parent, per type: what moving it (or renaming the parent) changes. */
    static final Map<String, Set<String>> PLACEMENT = Map.of(
            ResourceType.CONNECTIONS.id(), Set.of(),
            ResourceType.DATASTORES.id(), Set.of(),
            ResourceType.CONTAINERS.id(), Set.of("datastore_name"),
            ResourceType.COMPUTED_FIELDS.id(), Set.of("container", "container_name"),
            ResourceType.CHECKS.id(), Set.of("container", "container_name"));
    /** PLACEMENT and the name: what a rename or move changes. */
    static final Map<String, Set<String>> IDENTITY = Map.of(
            ResourceType.CONNECTIONS.id(), Set.of("name"),
            ResourceType.DATASTORES.id(), Set.of("name"),
            ResourceType.CONTAINERS.id(), Set.of("name", "datastore_name"),
            ResourceType.COMPUTED_FIELDS.id(), Set.of("name", "container", "container_name"),
            ResourceType.CHECKS.id(), Set.of("container", "container_name"));
    private static final List<String> ORDER = List.of(ResourceType.CONNECTIONS.id(), ResourceType.DATASTORES.id(),
            ResourceType.CONTAINERS.id(), ResourceType.COMPUTED_FIELDS.id(), ResourceType.CHECKS.id());

    private final List<ResourceDelta> removed = new ArrayList<>();
    private final List<ResourceDelta> added = new ArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    /** Deltas paired in the current pass, taken off the lists once it is over (by identity: bodies are big). */
    private final Set<ResourceDelta> paired = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Old datastore name to new, and "datastore\0container" old to new container name, for paired parents. */
    private final Map<String, String> datastoreNames = new HashMap<>();
    private final Map<String, String> containerNames = new HashMap<>();
    /** Old name to new of every paired connection, datastore and container: references to them follow. */
    private final Map<String, String> newNames = new HashMap<>();
    /** Children's contents by side, datastore (and container), for the current pass; see {@link #children}. */
    private Map<String, List<String>> childIndex;
    /** Contents by the keys they skip, valid while no new name is known (names change the removed side's content). */
    private final Map<Map<String, Set<String>>, Map<ResourceDelta, String>> contentCache = new java.util.IdentityHashMap<>();
    private int cachedFor = -1;

    private DeltaMatcher() {
    }

    static Result match(List<ResourceDelta> deltas) {
        DeltaMatcher matcher = new DeltaMatcher();
        List<ResourceDelta> others = new ArrayList<>();
        for (ResourceDelta delta : deltas) {
            boolean hasBefore = !JsonValues.isAbsent(delta.before());
            boolean hasAfter = !JsonValues.isAbsent(delta.after());
            if (hasBefore && !hasAfter && IDENTITY.containsKey(delta.type())) {
                matcher.removed.add(delta);
            } else if (hasAfter && !hasBefore && IDENTITY.containsKey(delta.type())) {
                matcher.added.add(delta);
            } else {
                others.add(delta);
            }
        }
        if (!matcher.removed.isEmpty() && !matcher.added.isEmpty()) {
            matcher.run();
        }
        others.addAll(matcher.removed);
        others.addAll(matcher.added);
        return new Result(others, List.copyOf(matcher.pairs), Map.copyOf(matcher.newNames));
    }

    private void run() {
        pass(ResourceType.CHECKS.id(), d -> uid(d) == null ? null : d.datastore() + "\u0000" + uid(d), false);
        for (String type : ORDER) {
            if (type.equals(ResourceType.DATASTORES.id()) || type.equals(ResourceType.CONTAINERS.id())) {
                pass(type, d -> place(d) + "\u0000" + content(d, IDENTITY) + "\u0000" + children(d), false);
            }
            pass(type, d -> place(d) + "\u0000" + content(d, PLACEMENT), true);
            pass(type, d -> place(d) + "\u0000" + content(d, IDENTITY), false);
        }
        String checks = ResourceType.CHECKS.id();
        pass(checks, d -> place(d) + "\u0000" + ruleType(d) + "\u0000" + computeContent(withoutFields(d), IDENTITY), false);
        pass(checks, d -> place(d) + "\u0000" + ruleType(d) + "\u0000" + ContentKey.of(body(d).path("fields"), Set.of()), false);
        for (String type : List.of(ResourceType.COMPUTED_FIELDS.id(), checks)) {
            pass(type, d -> datastoreAfter(d) + "\u0000" + content(d, PLACEMENT), false);
        }
    }

    /**
     * Pairs the removed and added deltas of a type whose key is unique on both sides; with identical (the key is the
     * whole content and place), groups of the same size on both sides pair in file order, as any pairing is as true.
     */
    private void pass(String type, Function<ResourceDelta, String> keyOf, boolean identical) {
        childIndex = null; // built again when asked: the lists and the names known change from pass to pass
        Map<String, List<ResourceDelta>> before = group(removed, type, keyOf);
        Map<String, List<ResourceDelta>> after = group(added, type, keyOf);
        before.forEach((key, rs) -> {
            List<ResourceDelta> as = after.get(key);
            boolean unique = as != null && rs.size() == 1 && as.size() == 1;
            if (!unique && !(identical && as != null && rs.size() == as.size())) {
                return;
            }
            List<ResourceDelta> left = rs.stream().sorted(java.util.Comparator.comparing(ResourceDelta::file)).toList();
            List<ResourceDelta> right = as.stream().sorted(java.util.Comparator.comparing(ResourceDelta::file)).toList();
            for (int i = 0; i < left.size(); i++) {
                ResourceDelta r = left.get(i);
                ResourceDelta a = right.get(i);
                paired.add(r);
                paired.add(a);
                pairs.add(new Pair(r, a, kind(r, a)));
                remember(r, a);
            }
        });
        if (!paired.isEmpty()) {
            removed.removeIf(paired::contains);
            added.removeIf(paired::contains);
            paired.clear();
        }
    }

    private static ChangeKind kind(ResourceDelta r, ResourceDelta a) {
        boolean sameName = Objects.equals(r.datastore(), a.datastore()) && Objects.equals(r.container(), a.container())
                && (ResourceType.CHECKS.id().equals(r.type()) || Objects.equals(r.name(), a.name()));
        return sameName ? ChangeKind.MODIFIED : ChangeKind.RENAMED;
    }

    private void remember(ResourceDelta r, ResourceDelta a) {
        boolean parent = !ResourceType.CHECKS.id().equals(r.type()) && !ResourceType.COMPUTED_FIELDS.id().equals(r.type());
        if (parent && r.name() != null && a.name() != null && !r.name().equals(a.name())) {
            newNames.put(r.name(), a.name());
        }
        if (ResourceType.DATASTORES.id().equals(r.type())) {
            datastoreNames.put(r.datastore(), a.datastore());
        } else if (ResourceType.CONTAINERS.id().equals(r.type())) {
            containerNames.put(r.datastore() + "\u0000" + r.name(), a.name());
        }
    }

    private Map<String, List<ResourceDelta>> group(List<ResourceDelta> deltas, String type, Function<ResourceDelta, String> keyOf) {
        Map<String, List<ResourceDelta>> groups = new LinkedHashMap<>();
        for (ResourceDelta delta : deltas) {
            if (delta.type().equals(type)) {
                String key = keyOf.apply(delta);
                if (key != null) {
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(delta);
                }
            }
        }
        return groups;
    }

    /** Where a resource lives, in the after-side names: its datastore (and container), renamed parents mapped. */
    private String place(ResourceDelta d) {
        if (ResourceType.CONNECTIONS.id().equals(d.type()) || ResourceType.DATASTORES.id().equals(d.type())) {
            return "";
        }
        String datastore = datastoreAfter(d);
        if (ResourceType.CONTAINERS.id().equals(d.type())) {
            return datastore;
        }
        String container = d.container();
        if (d.before() != null && !JsonValues.isAbsent(d.before())) {
            container = containerNames.getOrDefault(d.datastore() + "\u0000" + d.container(), d.container());
        }
        return datastore + "\u0000" + container;
    }

    private String datastoreAfter(ResourceDelta d) {
        boolean removedSide = !JsonValues.isAbsent(d.before()) && JsonValues.isAbsent(d.after());
        return removedSide ? datastoreNames.getOrDefault(d.datastore(), d.datastore()) : d.datastore();
    }

    /** The canonical content of the delta's one body without the keys that name or place it. */
    /**
     * The canonical content of the delta's one body without the skipped keys and the check uid; on the removed side,
     * a value naming a renamed parent reads as its new name (a check's ref_container_name follows its container).
     */
    private String content(ResourceDelta d, Map<String, Set<String>> skipped) {
        if (cachedFor != newNames.size()) {
            contentCache.clear();
            cachedFor = newNames.size();
        }
        Map<ResourceDelta, String> cache = contentCache.computeIfAbsent(skipped,
                k -> java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
        String cached = cache.get(d);
        if (cached == null) {
            cached = computeContent(d, skipped);
            cache.put(d, cached);
        }
        return cached;
    }

    private String computeContent(ResourceDelta d, Map<String, Set<String>> skipped) {
        JsonNode body = body(d);
        if (body.path("additional_metadata") instanceof ObjectNode metadata && metadata.has(Canonicalizer.CHECK_UID_KEY)) {
            ObjectNode copy = ((ObjectNode) body).deepCopy();
            ((ObjectNode) copy.get("additional_metadata")).remove(Canonicalizer.CHECK_UID_KEY);
            body = copy;
        }
        boolean removedSide = !JsonValues.isAbsent(d.before()) && JsonValues.isAbsent(d.after());
        if (removedSide && !newNames.isEmpty()) {
            body = renamed(body);
        }
        return ContentKey.of(body, skipped.getOrDefault(d.type(), Set.of()));
    }

    private JsonNode renamed(JsonNode value) {
        if (value.isTextual() && newNames.containsKey(value.asText())) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(newNames.get(value.asText()));
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), renamed(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = ((com.fasterxml.jackson.databind.node.ArrayNode) value).arrayNode();
            value.forEach(item -> copy.add(renamed(item)));
            return copy;
        }
        return value;
    }

    /** The contents of the deltas on the same side under this datastore or container, sorted: its children. */
    private String children(ResourceDelta parent) {
        if (childIndex == null) {
            childIndex = new HashMap<>();
            index(removed, "r");
            index(added, "a");
        }
        String side = !JsonValues.isAbsent(parent.before()) ? "r" : "a";
        boolean datastore = ResourceType.DATASTORES.id().equals(parent.type());
        String key = side + "\u0000" + parent.datastore() + (datastore ? "" : "\u0000" + parent.name());
        List<String> contents = new ArrayList<>(childIndex.getOrDefault(key, List.of()));
        contents.sort(null);
        return String.join("\n", contents);
    }

    /** The contents of a side's resources by datastore, and of its checks and computed fields by container. */
    private void index(List<ResourceDelta> side, String label) {
        for (ResourceDelta d : side) {
            if (ResourceType.CONNECTIONS.id().equals(d.type()) || ResourceType.DATASTORES.id().equals(d.type())) {
                continue;
            }
            String content = d.type() + ":" + content(d, PLACEMENT);
            childIndex.computeIfAbsent(label + "\u0000" + d.datastore(), k -> new ArrayList<>()).add(content);
            if (!ResourceType.CONTAINERS.id().equals(d.type())) {
                childIndex.computeIfAbsent(label + "\u0000" + d.datastore() + "\u0000" + d.container(), k -> new ArrayList<>())
                        .add(content);
            }
        }
    }

    private static ResourceDelta withoutFields(ResourceDelta d) {
        JsonNode body = body(d);
        if (!(body instanceof ObjectNode object)) {
            return d;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("fields");
        boolean removedSide = !JsonValues.isAbsent(d.before());
        return new ResourceDelta(d.type(), d.datastore(), d.container(), d.name(), d.file(), removedSide ? copy : null,
                removedSide ? null : copy);
    }

    private static JsonNode body(ResourceDelta d) {
        return JsonValues.isAbsent(d.after()) ? d.before() : d.after();
    }

    private static String ruleType(ResourceDelta d) {
        return body(d).path("rule_type").asText("");
    }

    static String uid(ResourceDelta d) {
        JsonNode uid = body(d).path("additional_metadata").path(Canonicalizer.CHECK_UID_KEY);
        return uid.isTextual() && !uid.asText().isEmpty() ? uid.asText() : null;
    }
}
