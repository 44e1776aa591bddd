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

    /**
     * A reported change, the body it has now (before for a removed resource), for the fingerprint, and for a renamed
     * resource its old name and container.
     */
    record Reported(ResourceChange change, JsonNode body, String fromName, String fromContainer) {
    }

    private final Words words;

    private FindingBuilder(Words words) {
        this.words = words;
    }

    static List<Finding> build(String reportKind, Origin origin, List<Reported> reported) {
        return build(reportKind, origin, reported, PlatformChanges.none());
    }

    /** Platform findings first (they explain the most), then one finding per cause without the platform fields. */
    static List<Finding> build(String reportKind, Origin origin, List<Reported> reported, PlatformChanges platform) {
        List<Finding> findings = new ArrayList<>();
        for (PlatformChanges.Platform p : platform.found()) {
            List<String> files = new ArrayList<>(new java.util.TreeSet<>(p.files()));
            findings.add(new Finding(Fingerprint.of("platform", p.type(), p.path(), p.how(), ContentKey.of(p.value(), Set.of())),
                    "platform", p.type(), null, null, p.path(), PlatformChanges.title(p), null,
                    List.of(new FieldChange(p.path(), null, p.value())), List.copyOf(files), null, null, null, null, null,
                    PlatformChanges.remedy(p, reportKind, origin)));
        }
        List<Reported> rest = new ArrayList<>();
        for (Reported r : reported) {
            ResourceChange c = r.change();
            List<FieldChange> own = c.fields() == null ? List.of()
                    : c.fields().stream().filter(f -> !platform.covers(c.file(), f.path())).toList();
            if (c.fields() != null && own.size() == c.fields().size()) {
                rest.add(r);
            } else if (!own.isEmpty() || c.kind() != ChangeKind.MODIFIED) {
                rest.add(new Reported(c.withFields(own), r.body(), r.fromName(), r.fromContainer()));
            }
        }
        findings.addAll(new FindingBuilder(Words.of(reportKind, origin)).group(rest));
        return findings;
    }

    private List<Finding> group(List<Reported> all) {
        List<Reported> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Reported r) -> rank(r.change().type()))
                .thenComparing(r -> r.change().file(), Comparator.nullsLast(Comparator.naturalOrder())));
        Map<String, String> newNames = new java.util.HashMap<>();
        for (Reported r : sorted) {
            if (r.change().kind() == ChangeKind.RENAMED && r.fromName() != null && carriesChildren(r.change())
                    && !r.fromName().equals(r.change().name())) {
                newNames.put(r.fromName(), r.change().name());
            }
        }
        Map<Reported, Family> families = new IdentityHashMap<>();
        Set<Reported> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Reported candidate : sorted) {
            if (claimed.contains(candidate) || !carriesChildren(candidate.change())) {
                continue;
            }
            List<Reported> children = new ArrayList<>();
            List<Reported> references = new ArrayList<>();
            int changedChildren = 0;
            for (Reported r : sorted) {
                if (r == candidate || claimed.contains(r)) {
                    continue;
                }
                if (isChildOf(r, candidate)) {
                    if (isPlainMove(r.change(), candidate.change(), newNames)) {
                        children.add(r);
                    } else {
                        changedChildren++;
                    }
                } else if (candidate.change().kind() == ChangeKind.RENAMED && followsRename(r.change(), candidate.fromName(),
                        candidate.change().name())) {
                    references.add(r);
                }
            }
            families.put(candidate, new Family(children, references, changedChildren));
            claimed.addAll(children);
            claimed.addAll(references);
        }
        List<Finding> findings = new ArrayList<>();
        for (Reported r : sorted) {
            if (!claimed.contains(r)) {
                findings.add(finding(r, families.getOrDefault(r, new Family(List.of(), List.of(), 0))));
            }
        }
        return findings;
    }

    /**
     * What a parent's finding carries: children added, removed or moved with it, modified resources whose only change
     * is the parent's new name (references), and how many moved children also changed (findings of their own).
     */
    private record Family(List<Reported> children, List<Reported> references, int changedChildren) {
    }

    private Finding finding(Reported main, Family family) {
        ResourceChange c = main.change();
        String cause = c.kind().id();
        List<String> files = new ArrayList<>();
        files.add(c.file());
        family.children().forEach(child -> files.add(child.change().file()));
        family.references().forEach(ref -> files.add(ref.change().file()));
        Map<String, Integer> carried = new LinkedHashMap<>();
        for (Reported child : family.children()) {
            carried.merge(child.change().type(), 1, Integer::sum);
        }
        Severity severity = worst(c.severity(), family.children().stream().map(r -> r.change().severity()).toList());
        String title = c.kind() == ChangeKind.RENAMED ? words.renamed(c, main) + renameDetails(c, carried, family)
                : words.subject(c) + " " + words.verb(c) + details(c, carried);
        List<Reported> covered = new ArrayList<>(family.children());
        covered.addAll(family.references());
        String fingerprint = Fingerprint.of(cause, c.type(), c.datastore(), c.container(), c.name(), c.from(),
                afterValues(main), childValues(covered));
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

    /** ": 12 checks and 2 computed fields moved, nothing else changed" (or what else did). */
    private static String renameDetails(ResourceChange c, Map<String, Integer> carried, Family family) {
        List<String> parts = new ArrayList<>();
        if (!carried.isEmpty()) {
            parts.add(counts(carried) + " moved");
        }
        if (!family.references().isEmpty()) {
            parts.add(ReportWords.plural(family.references().size(), "reference") + " to it updated");
        }
        boolean ownFields = c.fields() != null && !c.fields().isEmpty();
        if (ownFields) {
            parts.add((parts.isEmpty() ? "" : "also ") + ValueText.changes(c.fields(), FIELDS_IN_TITLE));
        }
        if (family.changedChildren() > 0) {
            parts.add(ReportWords.plural(family.changedChildren(), "resource") + " moved and changed (listed on their own)");
        } else if (!ownFields) {
            parts.add("nothing else changed");
        }
        return ": " + String.join(", ", parts);
    }

    /** A modified resource whose every changed value is the old name become the new one: it follows a rename. */
    private static boolean followsRename(ResourceChange c, String oldName, String newName) {
        if (c.kind() != ChangeKind.MODIFIED || c.fields() == null || c.fields().isEmpty() || oldName == null) {
            return false;
        }
        return c.fields().stream().allMatch(f -> followsRename(f, Map.of(oldName, newName)));
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

    /** Datastores and containers carry their children; a renamed connection carries the references to it. */
    private static boolean carriesChildren(ResourceChange c) {
        boolean parentType = ResourceType.DATASTORES.id().equals(c.type()) || ResourceType.CONTAINERS.id().equals(c.type());
        return (parentType && (c.kind() == ChangeKind.ADDED || c.kind() == ChangeKind.REMOVED))
                || (c.kind() == ChangeKind.RENAMED && (parentType || ResourceType.CONNECTIONS.id().equals(c.type())));
    }

    /**
     * A child added or removed with its parent, or moved with it and otherwise unchanged but for values naming a
     * renamed resource (a check's ref_container_name following its container).
     */
    private static boolean isPlainMove(ResourceChange child, ResourceChange parent, Map<String, String> newNames) {
        return parent.kind() != ChangeKind.RENAMED || child.fields() == null
                || child.fields().stream().allMatch(f -> followsRename(f, newNames));
    }

    private static boolean followsRename(FieldChange f, Map<String, String> newNames) {
        return ReportBuilder.followsRename(f, newNames);
    }

    /** A resource added, removed or renamed the same way as its datastore or container (moved from under it). */
    private static boolean isChildOf(Reported childReported, Reported parentReported) {
        ResourceChange child = childReported.change();
        ResourceChange parent = parentReported.change();
        if (child.kind() != parent.kind() || rank(child.type()) <= rank(parent.type())
                || !Objects.equals(child.datastore(), parent.datastore())) {
            return false;
        }
        boolean datastore = ResourceType.DATASTORES.id().equals(parent.type());
        if (parent.kind() == ChangeKind.RENAMED) {
            return datastore ? child.from() != null && child.from().startsWith(folderOf(parent.from()))
                    : !ResourceType.CONTAINERS.id().equals(child.type()) && Objects.equals(child.container(), parent.name())
                    && Objects.equals(childReported.fromContainer(), parentReported.fromName());
        }
        return datastore || (!ResourceType.CONTAINERS.id().equals(child.type()) && Objects.equals(child.container(), parent.name()));
    }

    private static String folderOf(String file) {
        int slash = file == null ? -1 : file.lastIndexOf('/');
        return slash < 0 ? "\u0000" : file.substring(0, slash + 1);
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

        /** "container `orders` renamed to `orders_v2`", "check `x` moved from container `a` to `b`". */
        String renamed(ResourceChange c, Reported r) {
            String noun = noun(c.type());
            boolean child = ResourceType.CHECKS.id().equals(IgnoreRules.normalType(c.type()))
                    || ResourceType.COMPUTED_FIELDS.id().equals(IgnoreRules.normalType(c.type()));
            boolean newName = r.fromName() != null && !r.fromName().equals(c.name())
                    && !ResourceType.CHECKS.id().equals(IgnoreRules.normalType(c.type()));
            String subject = noun + " `" + (newName ? r.fromName() : c.name()) + "`";
            if (child && r.fromContainer() != null && !r.fromContainer().equals(c.container())) {
                return subject + " moved from container `" + r.fromContainer() + "` to `" + c.container() + "`"
                        + (newName ? " and renamed to `" + c.name() + "`" : "");
            }
            if (newName) {
                return subject + " renamed to `" + c.name() + "`";
            }
            return subject(c) + " moved from " + c.from() + " to " + c.file();
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
