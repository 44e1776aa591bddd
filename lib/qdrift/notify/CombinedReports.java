package qdrift.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.report.DriftReport;
import qdrift.report.FailedDatastore;
import qdrift.report.Origin;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;
import qdrift.report.Summary;

/**
 * Several reports as the alerts they make: one per origin (the shards of one tenant are one origin: PagerDuty gets
 * one event for them, under the dedup key a single report of that origin has) and one for all of them (Slack, Teams
 * and email get one message). A combined report counts every change once, and its status is the most urgent one:
 * partial (some datastore was not checked), then drift, then clean.
 */
public final class CombinedReports {
    private CombinedReports() {
    }

    /** What each destination is sent: every report as read, one alert per origin, one alert for everything. */
    public record Alerts(List<Alert> reports, List<Alert> origins, Alert combined) {
        public static Alerts of(Alert single) {
            return new Alerts(List.of(single), List.of(single), single);
        }
    }

    public static Alerts of(List<ReportInput.Read> read) {
        if (read.size() == 1) {
            return Alerts.of(read.get(0).alert());
        }
        Map<String, List<ReportInput.Read>> byOrigin = new LinkedHashMap<>();
        for (ReportInput.Read one : read) {
            byOrigin.computeIfAbsent(ReportIdentity.dedupKey(one.alert().report()), key -> new ArrayList<>()).add(one);
        }
        List<Alert> origins = new ArrayList<>();
        for (List<ReportInput.Read> group : byOrigin.values()) {
            refuseTwice(group);
            origins.add(group.size() == 1 ? group.get(0).alert() : alert(merge(group.stream().map(r -> r.alert().report()).toList())));
        }
        Alert combined = origins.size() == 1 ? origins.get(0) : alert(merge(origins.stream().map(Alert::report).toList()));
        return new Alerts(read.stream().map(ReportInput.Read::alert).toList(), List.copyOf(origins), combined);
    }

    /** Two reports of one origin and shard would count the same changes twice: refused, naming both files. */
    private static void refuseTwice(List<ReportInput.Read> group) {
        Map<String, String> seen = new TreeMap<>();
        for (ReportInput.Read one : group) {
            String shard = one.alert().report().origin() == null ? null : one.alert().report().origin().shard();
            String key = Objects.requireNonNullElse(shard, "unsharded");
            String before = seen.putIfAbsent(key, one.source());
            if (before != null) {
                throw new Failure(ExitCode.IO, before + " and " + one.source() + " are both reports of the same origin"
                        + (shard == null ? "" : " and shard " + shard) + ": pass each run's report once");
            }
        }
    }

    private static Alert alert(DriftReport report) {
        return Alert.of(report, ReportJson.write(report));
    }

    /** One report holding all of these: changes, findings, failures and warnings of each, counted once. */
    static DriftReport merge(List<DriftReport> reports) {
        DriftReport first = reports.get(0);
        String status = reports.stream().anyMatch(DriftReport::isPartial) ? DriftReport.PARTIAL
                : reports.stream().anyMatch(r -> DriftReport.DRIFT.equals(r.status())) ? DriftReport.DRIFT : DriftReport.CLEAN;
        List<String> warnings = new ArrayList<>(new LinkedHashSet<>(all(reports, DriftReport::warnings)));
        warnings.addAll(missingShards(reports));
        PullRequestRef pr = reports.stream().map(DriftReport::pullRequest).filter(Objects::nonNull).findFirst().orElse(null);
        Set<String> reverts = reports.stream().map(DriftReport::revertCommand).filter(Objects::nonNull).collect(Collectors.toSet());
        return new DriftReport(DriftReport.SCHEMA, first.tool(), same(reports, DriftReport::kind, first.kind()), status,
                origin(reports), summary(reports), all(reports, DriftReport::findings), sorted(all(reports, DriftReport::changes)),
                sorted(all(reports, DriftReport::ignored)), List.copyOf(warnings), failed(reports), pr,
                reverts.size() == 1 ? reverts.iterator().next() : null);
    }

    private static Origin origin(List<DriftReport> reports) {
        List<Origin> origins = reports.stream().map(DriftReport::origin).filter(Objects::nonNull).toList();
        if (origins.isEmpty()) {
            return null;
        }
        Map<Long, Origin.DatastoreRef> datastores = new TreeMap<>();
        origins.stream().flatMap(o -> o.datastores() == null ? java.util.stream.Stream.empty() : o.datastores().stream())
                .filter(d -> d.id() != null).forEach(d -> datastores.putIfAbsent(d.id(), d));
        Set<String> shards = origins.stream().map(Origin::shard).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        String hosts = origins.stream().map(Origin::host).filter(Objects::nonNull).distinct().collect(Collectors.joining(", "));
        boolean oneSide = origins.stream().map(o -> List.of(String.valueOf(o.left()), String.valueOf(o.right()))).distinct().count() == 1;
        Origin one = origins.get(0);
        return new Origin(hosts.isEmpty() ? null : hosts, List.copyOf(datastores.values()),
                same(origins, Origin::repository, null), same(origins, Origin::path, null), same(origins, Origin::commit, null),
                oneSide ? one.left() : null, oneSide ? one.right() : null,
                shards.isEmpty() ? null : String.join("+", shards));
    }

    /** "shard 2/3 is missing": the shards of one tenant that sent no report (notify.java cannot tell what they saw). */
    private static List<String> missingShards(List<DriftReport> reports) {
        Set<String> present = new TreeSet<>();
        Set<Integer> counts = new TreeSet<>();
        for (DriftReport report : reports) {
            String shard = report.origin() == null ? null : report.origin().shard();
            if (shard == null) {
                continue;
            }
            for (String one : shard.split("\\+")) {
                present.add(one);
                String[] parts = one.split("/");
                if (parts.length == 2 && parts[1].matches("\\d+")) {
                    counts.add(Integer.parseInt(parts[1]));
                }
            }
        }
        if (counts.size() != 1) {
            return List.of();
        }
        int n = counts.iterator().next();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!present.contains(i + "/" + n)) {
                missing.add(i + "/" + n);
            }
        }
        return missing.isEmpty() ? List.of()
                : List.of("no report from shard " + String.join(", ", missing) + ": its datastores are not in this alert");
    }

    private static Summary summary(List<DriftReport> reports) {
        int added = 0;
        int removed = 0;
        int modified = 0;
        int ignored = 0;
        int loosening = 0;
        Map<String, Integer> byType = new TreeMap<>();
        for (DriftReport report : reports) {
            Summary s = report.summary();
            if (s == null) {
                continue;
            }
            added += s.added();
            removed += s.removed();
            modified += s.modified();
            ignored += s.ignored();
            loosening += s.loosening();
            if (s.byType() != null) {
                s.byType().forEach((type, count) -> byType.merge(type, count, Integer::sum));
            }
        }
        return new Summary(added, removed, modified, ignored, loosening, byType);
    }

    private static List<FailedDatastore> failed(List<DriftReport> reports) {
        return all(reports, DriftReport::failedDatastores).stream()
                .sorted(Comparator.comparing(FailedDatastore::id, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** In file order, as one run would list them, whatever order the reports came in. */
    private static List<ResourceChange> sorted(List<ResourceChange> changes) {
        return changes.stream().sorted(Comparator.comparing(ResourceChange::file, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> String.valueOf(c.type())).thenComparing(c -> String.valueOf(c.name()))).toList();
    }

    private static <T> List<T> all(List<DriftReport> reports, Function<DriftReport, List<T>> part) {
        List<T> all = new ArrayList<>();
        reports.forEach(report -> {
            List<T> items = part.apply(report);
            if (items != null) {
                all.addAll(items);
            }
        });
        return List.copyOf(all);
    }

    private static <S, T> T same(List<S> items, Function<S, T> value, T otherwise) {
        Set<T> values = items.stream().map(value).collect(Collectors.toSet());
        return values.size() == 1 ? values.iterator().next() : otherwise;
    }
}
