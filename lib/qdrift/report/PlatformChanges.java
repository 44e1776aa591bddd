//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Server-upgrade ("platform") changes: one field that appeared, disappeared or changed to the same value on most
 * resources of a type in one run (at least {@link #MIN_RESOURCES} of them and at least half of that type). Such a
 * field is one finding with the step to take, not thousands of changes; the per-resource findings leave it out.
 * Settings this version knows (status, coverage, properties, ...) are never platform changes: setting every check
 * to Draft at once is a person's bulk edit and must fail the run like any other drift.
 */
final class PlatformChanges {
    static final int MIN_RESOURCES = 10;
    static final String APPEARED = "appeared";
    static final String DISAPPEARED = "disappeared";
    static final String CHANGED = "changed";

    /** One platform change: how the field changed, the value it took (null when it disappeared), and where. */
    record Platform(String type, String path, String how, JsonNode value, int count, int total, Set<String> files) {
    }

    private final List<Platform> found;
    /** "file\0path" of every field change a platform change covers. */
    private final Set<String> covered = new HashSet<>();

    private PlatformChanges(List<Platform> found) {
        this.found = found;
        for (Platform p : found) {
            p.files().forEach(file -> covered.add(file + "\u0000" + p.path()));
        }
    }

    static PlatformChanges none() {
        return new PlatformChanges(List.of());
    }

    /** totals: how many resources of each type the run saw (after side); null disables detection. */
    static PlatformChanges detect(List<ResourceChange> changes, Map<String, Integer> totals) {
        if (totals == null) {
            return none();
        }
        Map<String, Set<String>> filesByKey = new LinkedHashMap<>();
        Map<String, FieldChange> sample = new LinkedHashMap<>();
        for (ResourceChange change : changes) {
            if (change.kind() != ChangeKind.MODIFIED && change.kind() != ChangeKind.RENAMED) {
                continue;
            }
            for (FieldChange field : change.fields()) {
                if (isKnownSetting(change.type(), field.path())) {
                    continue;
                }
                String key = IgnoreRules.normalType(change.type()) + "\u0000" + field.path() + "\u0000" + how(field) + "\u0000"
                        + (DISAPPEARED.equals(how(field)) ? "" : ContentKey.of(field.after(), Set.of()));
                filesByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(change.file());
                sample.putIfAbsent(key, field);
            }
        }
        List<Platform> found = new ArrayList<>();
        filesByKey.forEach((key, files) -> {
            String type = key.substring(0, key.indexOf('\u0000'));
            int total = totals.getOrDefault(type, 0);
            if (files.size() >= MIN_RESOURCES && 2L * files.size() >= total) {
                FieldChange field = sample.get(key);
                found.add(new Platform(type, field.path(), how(field), field.after(), files.size(), Math.max(total, files.size()),
                        Set.copyOf(files)));
            }
        });
        return new PlatformChanges(found);
    }

    /** A setting this version knows (status, coverage, ...): all checks set to Draft at once is a person, not an upgrade. */
    private static boolean isKnownSetting(String type, String path) {
        try {
            return qdrift.model.ServerFields.isKnownConfiguration(qdrift.model.ResourceType.fromId(type), topLevel(path));
        } catch (RuntimeException e) {
            return false;
        }
    }

    List<Platform> found() {
        return found;
    }

    boolean covers(String file, String path) {
        return !covered.isEmpty() && covered.contains(file + "\u0000" + path);
    }

    static String how(FieldChange field) {
        if (ContentKey.isEmpty(field.before())) {
            return APPEARED;
        }
        return ContentKey.isEmpty(field.after()) ? DISAPPEARED : CHANGED;
    }

    /** "field `x` appeared on 4,812 of 5,000 checks, all `false`". */
    static String title(Platform p) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        n.setGroupingUsed(true);
        String counts = n.format(p.count()) + " of " + n.format(p.total()) + " " + plural(p.type(), p.total());
        return switch (p.how()) {
            case APPEARED -> "field `" + p.path() + "` appeared on " + counts + ", all `" + ValueText.of(p.value()) + "`";
            case DISAPPEARED -> "field `" + p.path() + "` disappeared from " + counts;
            default -> "field `" + p.path() + "` changed on " + counts + ", all to `" + ValueText.of(p.value()) + "`";
        };
    }

    /**
     * The steps to take, exactly: the server-fields entry (server state), the re-baseline command (a new setting to
     * keep), or the .driftignore rule (silence it for now). compare-envs gets the expectation rule.
     */
    static String remedy(Platform p, String reportKind, Origin origin) {
        String field = topLevel(p.path());
        String rule = "{type: " + p.type() + ", fields: [" + quoteIfNeeded(p.path()) + "], reason: \"Qualytics upgrade\"}";
        if ("compare-envs".equals(reportKind)) {
            return "Probably one side runs another Qualytics version: expect it with the rule " + rule
                    + " in the --expect file, or list `" + field + "` under `" + p.type() + ":` in each export folder's "
                    + qdrift.model.ServerFieldsFile.NAME + " if it is server state.";
        }
        String folder = origin == null || origin.path() == null ? "qualytics-config" : origin.path();
        String repo = origin == null || origin.repository() == null ? "." : origin.repository();
        String datastores = origin == null || origin.datastores() == null || origin.datastores().isEmpty()
                ? "--datastore-id ID" : origin.datastores().stream().map(d -> "--datastore-id " + d.id())
                .collect(Collectors.joining(" "));
        return "Server state: list `" + field + "` under `" + p.type() + ":` in " + folder + "/" + qdrift.model.ServerFieldsFile.NAME
                + " and the next run drops it. A new setting to keep: re-baseline with `" + qdrift.cli.ScriptCommand.prefix("export.java") + datastores
                + " --folder " + repo + "/" + folder + " && git -C " + repo + " commit -am \"Re-baseline after the Qualytics upgrade\"`."
                + " To silence it for now: add " + rule + " to " + folder + "/" + IgnoreRules.FILE_NAME + ".";
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        int bracket = path.indexOf('[');
        int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
        return end < 0 ? path : path.substring(0, end);
    }

    private static String quoteIfNeeded(String path) {
        return path.matches("[A-Za-z0-9_.]+") ? path : "'" + path.replace("'", "''") + "'";
    }

    private static String plural(String type, int count) {
        String noun = FindingBuilder.noun(type);
        return count == 1 ? noun : noun + "s";
    }
}
