package qdrift.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.report.DriftReport;
import qdrift.report.Origin;
import qdrift.report.ReportJson;
import qdrift.report.ResourceChange;

/**
 * Stable names for a report. The origin key says which configuration is watched (kind, host, datastores, or "every
 * datastore" for the shards of a sharded run; or the two sides of compare-envs) and never depends on the changes, so
 * PagerDuty updates one incident per watched origin.
 * The fingerprint also covers status and changes, and leaves out what varies between identical runs
 * (tool version, commit, warnings, pull request, ignored changes, who changed it and when).
 */
public final class ReportIdentity {
    private static final ObjectMapper CANONICAL = ReportJson.mapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ReportIdentity() {
    }

    /** "qualytics-drift-drift-1a2b..." (well under PagerDuty's 255 characters). */
    public static String dedupKey(DriftReport report) {
        return "qualytics-drift-" + report.kind() + "-" + sha256(canonical(originParts(report))).substring(0, 32);
    }

    /** The dedup key of one route: the origin's key, plus a hash of the route's name when it has one. */
    public static String dedupKey(DriftReport report, String route) {
        String key = dedupKey(report);
        return route == null ? key : key + "-" + sha256(route).substring(0, 12);
    }

    public static String fingerprint(DriftReport report) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("origin", originParts(report));
        parts.put("status", report.status());
        List<ResourceChange> changes = new ArrayList<>(report.changes() == null ? List.of() : report.changes());
        // who changed it and when is context, not the drift: a re-save that changes nothing stays the same drift
        changes.replaceAll(c -> new ResourceChange(c.type(), c.datastore(), c.container(), c.name(), c.file(), c.kind(),
                c.severity(), c.fields(), null, c.from(), null, null, null));
        changes.sort(Comparator.comparing((ResourceChange c) -> String.valueOf(c.type()))
                .thenComparing(c -> String.valueOf(c.file()))
                .thenComparing(c -> AlertText.resourcePath(c)));
        parts.put("changes", changes);
        if (!report.failedDatastores().isEmpty()) {
            // another datastore failing is news; the same one failing again with another request id is not
            parts.put("failed", report.failedDatastores().stream().map(f -> f.id() + ":" + f.exitCode()).sorted().toList());
        }
        return sha256(canonical(parts));
    }

    private static Map<String, Object> originParts(DriftReport report) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("kind", report.kind());
        Origin origin = report.origin();
        if (origin != null) {
            parts.put("host", origin.host());
            // the shards of one tenant are one origin, whatever datastores each took (or the tenant has today)
            parts.put("datastores", origin.shard() == null ? origin.datastores() : "all datastores, sharded");
            parts.put("path", origin.path());
            parts.put("left", side(origin.left()));
            parts.put("right", side(origin.right()));
        }
        return parts;
    }

    private static Map<String, Object> side(Origin.Side side) {
        if (side == null) {
            return null;
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("label", side.label());
        parts.put("host", side.host());
        parts.put("datastores", side.datastores());
        parts.put("folder", side.folder());
        return parts;
    }

    private static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot fingerprint the report: " + e.getOriginalMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
