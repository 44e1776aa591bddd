package qdrift.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

import qdrift.report.DriftAge;

/** The ledger summary as text for a person or JSON for a tool (durations in ISO-8601 and in seconds). */
public final class SummaryRenderer {
    private SummaryRenderer() {
    }

    public static String text(LedgerSummary s, String ledger) {
        StringBuilder out = new StringBuilder();
        out.append("Ledger ").append(ledger).append(", ").append(s.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" to ").append(s.until().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append("\n");
        out.append("runs: ").append(s.runs()).append(" (clean ").append(s.clean()).append(", drift ").append(s.drift())
                .append(", partial ").append(s.partial()).append(")\n");
        long ongoing = s.episodes().stream().filter(e -> e.resolved() == null).count();
        out.append("drift episodes: ").append(s.episodes().size()).append(" (").append(s.episodes().size() - ongoing)
                .append(" resolved, ").append(ongoing).append(" ongoing)\n");
        for (LedgerSummary.Episode e : s.episodes()) {
            out.append("  ").append(e.started()).append(" .. ").append(e.resolved() == null ? "ongoing" : e.resolved().toString())
                    .append("  ").append(DriftAge.span(e.duration(s.until()))).append(", ").append(runs(e.runs()))
                    .append(", ").append(e.findings()).append(e.findings() == 1 ? " finding" : " findings")
                    .append("  [").append(e.scope()).append("]\n");
        }
        out.append("time to resolution: episodes ").append(resolution(s.episodeResolution()))
                .append("; findings ").append(resolution(s.findingResolution()))
                .append("; ").append(s.openFindings()).append(" finding").append(s.openFindings() == 1 ? "" : "s")
                .append(" still open\n");
        if (s.skippedLines() > 0) {
            out.append("skipped ").append(s.skippedLines()).append(" unreadable line").append(s.skippedLines() == 1 ? "" : "s")
                    .append(" (a run killed while writing, or a hand edit)\n");
        }
        return out.toString();
    }

    public static String json(LedgerSummary s, String ledger) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("schema", "qualytics-drift/ledger-summary/v1").put("ledger", ledger)
                .put("since", s.since().toString()).put("until", s.until().toString());
        root.putObject("runs").put("total", s.runs()).put("clean", s.clean()).put("drift", s.drift()).put("partial", s.partial());
        var episodes = root.putArray("episodes");
        for (LedgerSummary.Episode e : s.episodes()) {
            ObjectNode node = episodes.addObject().put("scope", e.scope()).put("started", e.started().toString());
            if (e.resolved() != null) {
                node.put("resolved", e.resolved().toString());
            }
            duration(node, "duration", e.duration(s.until()));
            node.put("runs", e.runs()).put("findings", e.findings()).put("ongoing", e.resolved() == null);
        }
        resolution(root.putObject("episode_resolution"), s.episodeResolution());
        resolution(root.putObject("finding_resolution"), s.findingResolution());
        root.put("open_findings", s.openFindings()).put("skipped_lines", s.skippedLines());
        return root.toPrettyString() + "\n";
    }

    private static String resolution(LedgerSummary.Resolution r) {
        if (r.resolved() == 0) {
            return "none resolved";
        }
        return r.resolved() + " resolved, median " + DriftAge.span(r.median()) + ", longest " + DriftAge.span(r.longest());
    }

    private static void resolution(ObjectNode node, LedgerSummary.Resolution r) {
        node.put("resolved", r.resolved());
        if (r.resolved() > 0) {
            duration(node, "median", r.median());
            duration(node, "longest", r.longest());
        }
    }

    private static void duration(ObjectNode node, String key, Duration d) {
        node.put(key, d.toString()).put(key + "_seconds", d.toSeconds());
    }

    static String runs(int n) {
        return n + (n == 1 ? " run" : " runs");
    }
}
