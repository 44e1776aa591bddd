//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import qdrift.model.ResourceType;

/**
 * Groups reported changes into findings, one per cause, in the order connection, datastore, container, computed
 * field, check. An added or removed datastore or container carries the added or removed resources under it (one act
 * in the UI); a renamed one carries what moved with it; every other change is a finding of its own.
 */
final class FindingBuilder {
    /** Field changes spelled out in a title; the rest are counted. */
    static final int FIELDS_IN_TITLE = 3;
    private static final List<String> TYPE_ORDER = List.of(ResourceType.CONNECTIONS.id(), ResourceType.DATASTORES.id(),
            ResourceType.CONTAINERS.id(), ResourceType.COMPUTED_FIELDS.id(), ResourceType.CHECKS.id());

    /** A reported change and the body it has now (before for a removed resource), for the fingerprint. */
    record Reported(ResourceChange change, JsonNode body) {
    }

    private final Words words;

    private FindingBuilder(Words words) {
        this.words = words;
    }

    static List<Finding> build(String reportKind, Origin origin, List<Reported> reported) {
        return new FindingBuilder(Words.of(reportKind, origin)).group(reported);
    }

    private List<Finding> group(List<Reported> all) {
        List<Reported> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Reported r) -> rank(r.change().type()))
                .thenComparing(r -> r.change().file(), Comparator.nullsLast(Comparator.naturalOrder())));
        Map<Reported, List<Reported>> parents = new LinkedHashMap<>();
        Set<Reported> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Reported candidate : sorted) {
            if (claimed.contains(candidate) || !carriesChildren(candidate.change())) {
                continue;
            }
            List<Reported> children = sorted.stream()
                    .filter(r -> r != candidate && !claimed.contains(r) && isChildOf(r.change(), candidate.change()))
                    .toList();
            parents.put(candidate, children);
            claimed.addAll(children);
        }
        List<Finding> findings = new ArrayList<>();
        for (Reported r : sorted) {
            if (claimed.contains(r)) {
                continue;
            }
            findings.add(finding(r, parents.getOrDefault(r, List.of())));
        }
        return findings;
    }

    private Finding finding(Reported main, List<Reported> children) {
        ResourceChange c = main.change();
        String cause = c.kind().id();
        List<String> files = new ArrayList<>();
        files.add(c.file());
        children.forEach(child -> files.add(child.change().file()));
        Map<String, Integer> carried = new LinkedHashMap<>();
        for (Reported child : children) {
            carried.merge(child.change().type(), 1, Integer::sum);
        }
        Severity severity = worst(c.severity(), children.stream().map(r -> r.change().severity()).toList());
        String title = words.subject(c) + " " + words.verb(c) + details(c, carried);
        String fingerprint = Fingerprint.of(cause, c.type(), c.datastore(), c.container(), c.name(), c.from(),
                afterValues(main), childValues(children));
        return new Finding(fingerprint, cause, c.type(), c.datastore(), c.container(), c.name(), title, severity,
                c.fields(), List.copyOf(files), carried.isEmpty() ? null : Map.copyOf(carried), null, null, null, null);
    }

    /** ": coverage 1 → 0.5, …" for a modified resource, " with 12 checks and 2 computed fields" for a parent. */
    private static String details(ResourceChange c, Map<String, Integer> carried) {
        if (!carried.isEmpty()) {
            return " with " + counts(carried);
        }
        if (c.fields() != null && !c.fields().isEmpty()) {
            return ": " + ValueText.changes(c.fields(), FIELDS_IN_TITLE);
        }
        return "";
    }

    /** "12 checks and 2 computed fields", in type order. */
    static String counts(Map<String, Integer> perType) {
        List<String> parts = new ArrayList<>();
        TYPE_ORDER.forEach(type -> {
            Integer n = perType.get(type);
            if (n != null && n > 0) {
                parts.add(ReportWords.plural(n, noun(type)));
            }
        });
        perType.forEach((type, n) -> {
            if (!TYPE_ORDER.contains(type)) {
                parts.add(n + " " + type);
            }
        });
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The after-values of a modified resource, or the whole body of an added or removed one. */
    private static String afterValues(Reported r) {
        ResourceChange c = r.change();
        if (c.kind() == ChangeKind.MODIFIED || c.kind() == ChangeKind.RENAMED) {
            StringBuilder values = new StringBuilder();
            for (FieldChange f : c.fields()) {
                values.append(f.path()).append('=').append(f.after() == null ? "" : f.after().toString()).append('\n');
            }
            return values.toString();
        }
        return c.kind() == ChangeKind.REMOVED || r.body() == null ? "" : r.body().toString();
    }

    private static String childValues(List<Reported> children) {
        StringBuilder values = new StringBuilder();
        children.stream().map(child -> child.change().type() + ":" + child.change().file() + ":" + afterValues(child))
                .sorted().forEach(v -> values.append(v).append('\n'));
        return values.toString();
    }

    private static boolean carriesChildren(ResourceChange c) {
        boolean parentType = ResourceType.DATASTORES.id().equals(c.type()) || ResourceType.CONTAINERS.id().equals(c.type());
        return parentType && (c.kind() == ChangeKind.ADDED || c.kind() == ChangeKind.REMOVED || c.kind() == ChangeKind.RENAMED);
    }

    /** A resource added or removed (or, for a renamed parent, renamed) with its datastore or container. */
    private static boolean isChildOf(ResourceChange child, ResourceChange parent) {
        if (child.kind() != parent.kind() || rank(child.type()) <= rank(parent.type())
                || !Objects.equals(child.datastore(), parent.datastore())) {
            return false;
        }
        return ResourceType.DATASTORES.id().equals(parent.type())
                || (!ResourceType.CONTAINERS.id().equals(child.type()) && Objects.equals(child.container(), parent.name()));
    }

    static int rank(String type) {
        int index = TYPE_ORDER.indexOf(IgnoreRules.normalType(type));
        return index < 0 ? TYPE_ORDER.size() : index;
    }

    /** "check", "computed field", ... */
    static String noun(String type) {
        String id = IgnoreRules.normalType(type);
        if (ResourceType.COMPUTED_FIELDS.id().equals(id)) {
            return "computed field";
        }
        return id != null && id.endsWith("s") ? id.substring(0, id.length() - 1) : String.valueOf(id);
    }

    /** The worst severity of a finding's checks: loosening, unknown, tightening, neutral; null without checks. */
    static Severity worst(Severity first, List<Severity> others) {
        List<Severity> order = List.of(Severity.LOOSENING, Severity.UNKNOWN, Severity.TIGHTENING, Severity.NEUTRAL);
        Severity worst = first;
        for (Severity s : others) {
            if (s != null && (worst == null || order.indexOf(s) < order.indexOf(worst))) {
                worst = s;
            }
        }
        return worst;
    }

    /** How findings name resources and what happened to them, for drift (added, removed) or compare-envs (only in prod). */
    record Words(String leftLabel, String rightLabel) {
        static Words of(String reportKind, Origin origin) {
            if ("compare-envs".equals(reportKind) && origin != null && origin.left() != null && origin.right() != null) {
                return new Words(origin.left().label(), origin.right().label());
            }
            return new Words(null, null);
        }

        /** "check `orders__not_null__id` (container `orders`)", "container `orders`", "connection `prod-pg`". */
        String subject(ResourceChange c) {
            String name = c.name() == null ? c.file() : c.name();
            String text = noun(c.type()) + " `" + name + "`";
            boolean showContainer = c.container() != null && !c.container().equals(c.name())
                    && !ResourceType.CONTAINERS.id().equals(IgnoreRules.normalType(c.type()));
            return showContainer ? text + " (container `" + c.container() + "`)" : text;
        }

        String verb(ResourceChange c) {
            boolean compare = leftLabel != null;
            return switch (c.kind()) {
                case ADDED -> compare ? "only in " + rightLabel : "added";
                case REMOVED -> compare ? "only in " + leftLabel : "removed";
                case MODIFIED -> compare ? "differs" : "modified";
                case RENAMED -> "renamed";
            };
        }
    }
}
