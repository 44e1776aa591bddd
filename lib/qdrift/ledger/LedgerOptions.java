package qdrift.ledger;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.Option;
import qdrift.cli.Failure;
import qdrift.notify.DurationConverter;
import qdrift.report.DriftReport;
import qdrift.report.ReportOutputs;

/** drift.java's --ledger, --summary and --since: record each run, or (with --summary) report on the recorded ones. */
public class LedgerOptions {
    @Option(names = "--ledger", paramLabel = "FILE", description = "Append one JSON line per run to FILE and show since when each finding is seen.")
    Path ledger;

    @Option(names = "--summary", description = "Only summarise the --ledger (runs, drift episodes, time to resolution); contacts no server.")
    boolean summary;

    @Option(names = "--since", paramLabel = "WHEN", description = "With --summary: the period, as a duration back from now (30d, 12h) or a date (2026-11-01).")
    String since;

    public boolean summaryMode() {
        return summary;
    }

    /** Usage errors and an unwritable ledger, found before any slow work. */
    public void check() {
        if (since != null && !summary) {
            throw Failure.usage("--since goes with --summary: drift.java --ledger FILE --summary --since 30d");
        }
        if (summary && ledger == null) {
            throw Failure.usage("--summary needs the ledger to read: --ledger FILE");
        }
        if (ledger != null && !summary) {
            new LedgerFile(ledger).checkWritable();
        }
    }

    /** The report with first-seen times, after this run's line is appended; the report as is without --ledger. */
    public DriftReport record(DriftReport report, Instant now) {
        return ledger == null ? report : new DriftLedger(new LedgerFile(ledger)).record(report, now);
    }

    /**
     * Prints the summary of the ledger as text or (-o json) JSON on stdout, and writes the period report
     * (-o html=FILE) when asked.
     */
    public void printSummary(List<String> outputs, Instant now, PrintWriter out) {
        List<ReportOutputs.Output> formats = ReportOutputs.parseAll(outputs);
        List<ReportOutputs.Output> pages = formats.stream().filter(f -> f.format() == ReportOutputs.Format.HTML).toList();
        List<ReportOutputs.Output> printed = formats.stream().filter(f -> f.format() != ReportOutputs.Format.HTML).toList();
        if (printed.size() > 1 || printed.stream().anyMatch(f -> f.file() != null || f.format() == ReportOutputs.Format.MARKDOWN)
                || pages.stream().anyMatch(f -> f.file() == null)) {
            throw Failure.usage("--summary prints one format on stdout (-o text, the default, or -o json) and writes the period report with -o html=FILE");
        }
        Instant from = since == null ? null : parseSince(since, now); // a bad --since is a usage error before any read
        LedgerFile file = new LedgerFile(ledger);
        LedgerFile.Contents contents = file.read();
        // the period ends now, to the nanosecond, so a run of this very second is inside it; the text prints whole seconds
        Instant until = now;
        Instant start = from == null ? firstRun(contents, until) : from;
        String where = file.path().toString();
        for (ReportOutputs.Output page : pages) {
            ReportOutputs.writeFile(page.file(), PeriodHtml.render(PeriodReport.of(contents, start, until), where));
        }
        if (!pages.isEmpty() && printed.isEmpty()) {
            return;
        }
        LedgerSummary result = LedgerSummary.of(contents, start, until);
        boolean json = !printed.isEmpty() && printed.get(0).format() == ReportOutputs.Format.JSON;
        out.print(json ? SummaryRenderer.json(result, where) : SummaryRenderer.text(result, where));
        out.flush();
    }

    /** Without --since the period starts at the ledger's first run (to the second), not at 1970; empty: now. */
    static Instant firstRun(LedgerFile.Contents contents, Instant now) {
        return contents.lines().stream().map(line -> Instant.parse(line.time())).min(Instant::compareTo)
                .map(first -> first.truncatedTo(ChronoUnit.SECONDS)).orElse(now);
    }

    static Instant parseSince(String text, Instant now) {
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException notInstant) {
                try {
                    return now.minus(DurationConverter.parse(text));
                } catch (RuntimeException notDuration) {
                    throw Failure.usage("--since " + text + " is neither a duration (30d, 12h) nor a date (2026-11-01)");
                }
            }
        }
    }
}
