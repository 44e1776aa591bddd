package qdrift.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.report.DriftReport;
import qdrift.report.FileText;
import qdrift.report.IgnoreRule;
import qdrift.report.IgnoreRules;
import qdrift.report.Origin;
import qdrift.report.ReportBuilder;

/**
 * compare-envs from end to end: read both sides, complete the name mapping, rewrite the left side in the right
 * side's names, pair the resources, drop the expected differences and report the rest, with stale expectations and
 * pairs that cannot be told apart as warnings. before = left, after = right.
 */
public final class EnvironmentComparison {
    public static final String KIND = "compare-envs";

    /** expectations is the expected-differences file (IgnoreRules format), or null. */
    public record Settings(SideSpec left, SideSpec right, NameMapping mapping, Path expectations) {
    }

    public record Outcome(DriftReport report, List<FileText> texts) {
    }

    private final SideReader reader;
    private final Log log;
    private final Clock clock;

    public EnvironmentComparison(SideReader reader, Log log, Clock clock) {
        this.reader = reader;
        this.log = log;
        this.clock = clock;
    }

    public Outcome run(Settings settings) {
        if (settings.left().label().equals(settings.right().label())) {
            throw Failure.usage("both sides are called '" + settings.left().label() + "': compare two different environments");
        }
        IgnoreRules expectations = expectations(settings.expectations());
        SideSnapshot left = reader.read(settings.left());
        SideSnapshot right = reader.read(settings.right());
        MappingInference.Inferred mapping = MappingInference.complete(settings.mapping(), left.snapshot(), right.snapshot());
        mapping.notes().forEach(log::info);
        String leftLabel = left.origin().label();
        String rightLabel = right.origin().label();
        Aligner.Alignment alignment = Aligner.align(new Renamer(mapping.mapping()).toRightNames(left.snapshot()),
                right.snapshot(), leftLabel, rightLabel);
        DriftReport built = ReportBuilder.build(KIND, Origin.sides(left.origin(), right.origin()), alignment.deltas(),
                expectations, alignment.warnings(), totals(left, right));
        List<String> warnings = new ArrayList<>(built.warnings());
        for (IgnoreRule stale : expectations.unmatched()) {
            warnings.add("stale expectation " + stale.number() + " (" + stale.reason() + ") matches no difference between "
                    + leftLabel + " and " + rightLabel + ": remove it from " + settings.expectations());
        }
        DriftReport report = new DriftReport(built.schema(), built.tool(), built.kind(), built.status(), built.origin(),
                built.summary(), built.findings(), built.changes(), built.ignored(), List.copyOf(warnings),
                built.failedDatastores(), built.pullRequest(), built.revertCommand());
        return new Outcome(report, alignment.texts());
    }

    private IgnoreRules expectations(Path file) {
        if (file == null) {
            return IgnoreRules.none();
        }
        if (!Files.exists(file)) {
            throw Failure.io("cannot read expected differences " + file + ": no such file", null);
        }
        return IgnoreRules.parse(IgnoreRules.readRulesFile(file), file.toString(), List.of(), LocalDate.now(clock));
    }

    /** Resources of each type on the larger side: what a platform finding (one side upgraded) counts against. */
    private static java.util.Map<String, Integer> totals(SideSnapshot left, SideSnapshot right) {
        java.util.Map<String, Integer> totals = new java.util.TreeMap<>();
        left.snapshot().counts().forEach((type, n) -> totals.merge(type.id(), n, Math::max));
        right.snapshot().counts().forEach((type, n) -> totals.merge(type.id(), n, Math::max));
        return totals;
    }
}
