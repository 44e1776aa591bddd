package qdrift.ledger;

import static qdrift.report.html.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qdrift.report.DriftAge;
import qdrift.report.html.Html;

/**
 * The period report as one self-contained HTML page: the totals, an SVG timeline (one row per datastore scope: each
 * drift episode as a bar labelled E1, E2..., each run as a tick whose height says its status), and the table of
 * episodes with how each ended. Every colour repeats a word or a shape, so it reads in print and without colour.
 */
public final class PeriodHtml {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int LEFT = 200;
    private static final int WIDTH = 760;
    private static final int ROW = 56;

    private PeriodHtml() {
    }

    public static String render(PeriodReport report, String ledger) {
        LedgerSummary s = report.summary();
        StringBuilder out = new StringBuilder();
        out.append("<header>\n<p class=\"meta\">qualytics-drift period report, ledger ").append(esc(ledger)).append("</p>\n<h1>Drift from ")
                .append(esc(DAY.format(report.from()))).append(" to ").append(esc(DAY.format(s.until()))).append("</h1>\n")
                .append("<p class=\"meta\">Every run of drift.java in the period, every drift episode (from the first run that found drift to the first clean run after it), who changed what, and how each episode ended.</p>\n</header>\n");
        totals(out, report);
        timeline(out, report);
        episodes(out, report);
        if (s.skippedLines() > 0) {
            out.append("<p class=\"meta\">").append(s.skippedLines()).append(" unreadable ledger line(s) skipped (a run killed while writing, or a hand edit).</p>\n");
        }
        return Html.page("Drift period report " + DAY.format(report.from()) + " to " + DAY.format(s.until()), out.toString());
    }

    private static void totals(StringBuilder out, PeriodReport report) {
        LedgerSummary s = report.summary();
        long open = report.episodes().stream().filter(PeriodReport.Episode::open).count();
        out.append("<section aria-labelledby=\"totals\">\n<h2 id=\"totals\">Totals</h2>\n<ul class=\"totals\">\n");
        total(out, "runs", String.valueOf(s.runs()));
        total(out, "clean", String.valueOf(s.clean()));
        total(out, "drift", String.valueOf(s.drift()));
        total(out, "partial", String.valueOf(s.partial()));
        total(out, "drift episodes", report.episodes().size() + " (" + open + " open)");
        LedgerSummary.Resolution r = s.episodeResolution();
        total(out, "median time to resolution", r.resolved() == 0 ? "none resolved" : DriftAge.span(r.median()));
        total(out, "longest time to resolution", r.resolved() == 0 ? "none resolved" : DriftAge.span(r.longest()));
        out.append("</ul>\n</section>\n");
    }

    private static void total(StringBuilder out, String what, String value) {
        out.append("<li><strong>").append(esc(value)).append("</strong>").append(esc(what)).append("</li>\n");
    }

    private static void timeline(StringBuilder out, PeriodReport report) {
        Map<String, String> rows = new LinkedHashMap<>();
        report.episodes().forEach(e -> rows.putIfAbsent(e.scope(), e.label()));
        report.runs().forEach(r -> rows.putIfAbsent(r.scope(), r.scope()));
        List<String> scopes = new ArrayList<>(rows.keySet());
        Instant from = report.from();
        Instant until = report.summary().until();
        double span = Math.max(1, Duration.between(from, until).toSeconds());
        int height = 40 + ROW * scopes.size() + 60;
        out.append("<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n")
                .append("<svg role=\"img\" aria-labelledby=\"tl-title tl-desc\" viewBox=\"0 0 ").append(LEFT + WIDTH + 20).append(' ').append(height)
                .append("\" width=\"").append(LEFT + WIDTH + 20).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n")
                .append("<title id=\"tl-title\">Drift episodes and runs per datastore</title>\n<desc id=\"tl-desc\">")
                .append(report.episodes().size()).append(" episodes and ").append(report.runs().size())
                .append(" runs; the table below lists every episode.</desc>\n");
        for (int i = 0; i <= 4; i++) {
            Instant tick = from.plusSeconds((long) (span * i / 4));
            double x = LEFT + WIDTH * i / 4.0;
            out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"30\" x2=\"").append(fmt(x)).append("\" y2=\"").append(30 + ROW * scopes.size())
                    .append("\" stroke=\"#d0d7de\"/>\n<text x=\"").append(fmt(x)).append("\" y=\"22\" text-anchor=\"").append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">").append(DAY.format(tick)).append("</text>\n");
        }
        for (int row = 0; row < scopes.size(); row++) {
            String scope = scopes.get(row);
            int y = 30 + ROW * row;
            out.append("<text x=\"4\" y=\"").append(y + 22).append("\">").append(esc(cut(rows.get(scope), 30))).append("</text>\n");
            StringBuilder clean = new StringBuilder();
            StringBuilder drift = new StringBuilder();
            StringBuilder partial = new StringBuilder();
            for (PeriodReport.Run run : report.runs()) {
                if (!run.scope().equals(scope)) {
                    continue;
                }
                String x = fmt(x(run.at(), from, span));
                switch (run.status()) {
                    case "clean" -> clean.append("M").append(x).append(' ').append(y + 44).append("v6");
                    case "partial" -> partial.append("M").append(x).append(' ').append(y + 38).append("v12");
                    default -> drift.append("M").append(x).append(' ').append(y + 34).append("v16");
                }
            }
            path(out, clean, "#1a7f37", "clean runs (short ticks)");
            path(out, drift, "#b42318", "drift runs (tall ticks)");
            path(out, partial, "#9a6700", "partial runs (middle ticks)");
            for (int i = 0; i < report.episodes().size(); i++) {
                PeriodReport.Episode e = report.episodes().get(i);
                if (!e.scope().equals(scope)) {
                    continue;
                }
                double x1 = x(e.started(), from, span);
                double x2 = Math.max(x1 + 3, x(e.ended() == null ? until : e.ended(), from, span));
                out.append("<g><title>E").append(i + 1).append(": ").append(esc(e.how())).append(", ")
                        .append(esc(DriftAge.span(e.duration(until)))).append("</title><rect x=\"").append(fmt(x1)).append("\" y=\"").append(y + 8)
                        .append("\" width=\"").append(fmt(x2 - x1)).append("\" height=\"20\" fill=\"").append(fill(e.how()))
                        .append("\" stroke=\"#1b1f24\"").append(e.open() ? " stroke-dasharray=\"4 2\"" : "").append("/><text x=\"").append(fmt(x1 + 2))
                        .append("\" y=\"").append(y + 6).append("\" font-size=\"10\">E").append(i + 1).append(' ').append(esc(e.how())).append("</text></g>\n");
            }
        }
        int legend = 30 + ROW * scopes.size() + 24;
        out.append("<text x=\"4\" y=\"").append(legend).append("\">Bars: drift episodes E1, E2... (dashed outline: still open),")
                .append(" filled by how they ended: reverted green, accepted blue, resolved grey, open red.</text>\n<text x=\"4\" y=\"")
                .append(legend + 18).append("\">Ticks: runs; tall for drift, middle for partial, short for clean.</text>\n</svg>\n");
        runsTable(out, report, scopes, rows);
        out.append("</section>\n");
    }

    /** The timeline's runs as text, one row per datastore scope, for screen readers and for reading without colour. */
    private static void runsTable(StringBuilder out, PeriodReport report, List<String> scopes, Map<String, String> labels) {
        out.append("<h3 id=\"timeline-table\">The timeline as a table</h3>\n<table aria-describedby=\"tl-desc\">\n<thead><tr>")
                .append("<th scope=\"col\">Datastore</th><th scope=\"col\">Runs</th><th scope=\"col\">Clean</th><th scope=\"col\">Drift</th>")
                .append("<th scope=\"col\">Partial</th><th scope=\"col\">Episodes</th><th scope=\"col\">First run</th>")
                .append("<th scope=\"col\">Last run</th></tr></thead>\n<tbody>\n");
        for (String scope : scopes) {
            List<PeriodReport.Run> runs = report.runs().stream().filter(r -> r.scope().equals(scope)).toList();
            long clean = runs.stream().filter(r -> "clean".equals(r.status())).count();
            long partial = runs.stream().filter(r -> "partial".equals(r.status())).count();
            long episodes = report.episodes().stream().filter(e -> e.scope().equals(scope)).count();
            out.append("<tr><th scope=\"row\">").append(esc(labels.get(scope))).append("</th><td>").append(runs.size())
                    .append("</td><td>").append(clean).append("</td><td>").append(runs.size() - clean - partial).append("</td><td>")
                    .append(partial).append("</td><td>").append(episodes).append("</td><td>")
                    .append(runs.stream().map(PeriodReport.Run::at).min(Instant::compareTo).map(MINUTE::format).orElse(""))
                    .append("</td><td>")
                    .append(runs.stream().map(PeriodReport.Run::at).max(Instant::compareTo).map(MINUTE::format).orElse(""))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static void path(StringBuilder out, StringBuilder d, String colour, String what) {
        if (!d.isEmpty()) {
            out.append("<path d=\"").append(d).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1\"><title>")
                    .append(esc(what)).append("</title></path>\n");
        }
    }

    private static String fill(String how) {
        return switch (how) {
            case PeriodReport.REVERTED -> "#7ee2a0";
            case PeriodReport.ACCEPTED -> "#9cc7ff";
            case PeriodReport.OPEN -> "#ff9a8f";
            default -> "#d0d7de";
        };
    }

    private static void episodes(StringBuilder out, PeriodReport report) {
        Instant until = report.summary().until();
        out.append("<section aria-labelledby=\"episodes\">\n<h2 id=\"episodes\">Drift episodes (").append(report.episodes().size()).append(")</h2>\n");
        if (report.episodes().isEmpty()) {
            out.append("<p>No drift in the period.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th scope=\"col\">Episode</th><th scope=\"col\">Datastore</th><th scope=\"col\">First seen</th>")
                .append("<th scope=\"col\">Last seen</th><th scope=\"col\">Findings</th><th scope=\"col\">Changed by</th>")
                .append("<th scope=\"col\">How it ended</th><th scope=\"col\">When</th><th scope=\"col\">Time to resolution</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < report.episodes().size(); i++) {
            PeriodReport.Episode e = report.episodes().get(i);
            out.append("<tr><th scope=\"row\">E").append(i + 1).append("</th><td>").append(esc(e.label())).append("</td><td>")
                    .append(esc(MINUTE.format(e.started()))).append("</td><td>").append(esc(MINUTE.format(e.lastSeen()))).append("</td><td>");
            out.append(e.findings().size()).append(e.findings().size() == 1 ? " finding" : " findings");
            if (!e.findings().isEmpty()) {
                out.append("<ul>");
                e.findings().forEach(f -> out.append("<li>").append(esc(f)).append("</li>"));
                out.append("</ul>");
            }
            out.append("</td><td>").append(esc(e.editors().isEmpty() ? "not known" : String.join(", ", e.editors()))).append("</td><td>")
                    .append(Html.badge(e.how(), e.how()));
            if (e.howDetail() != null) {
                out.append("<br>").append(esc(e.howDetail()));
            }
            out.append("</td><td>").append(e.open() ? "still open" : esc(MINUTE.format(e.howAt()))).append("</td><td>")
                    .append(e.open() ? "open for " + esc(DriftAge.span(e.duration(until))) : esc(DriftAge.span(e.duration(until))))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static double x(Instant at, Instant from, double span) {
        return LEFT + WIDTH * Math.max(0, Math.min(1, Duration.between(from, at).toSeconds() / span));
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
