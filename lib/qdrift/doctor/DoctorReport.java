//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import qdrift.cli.ExitCode;
import qdrift.cli.Version;

/**
 * Doctor's findings: one line per check (✓, ✗, ! or -, with the fix), or JSON. The exit code is that of the first
 * failed check's kind, 0 when none failed (warnings and skipped checks do not fail a run).
 *
 * @param host the instance as messages name it; null when the URL was unusable
 */
public record DoctorReport(String host, List<Check> checks) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int TITLE_WIDTH = 18;

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public ExitCode exitCode() {
        return checks.stream().filter(Check::failed).map(Check::kind).findFirst().orElse(ExitCode.OK);
    }

    /** The lines a person reads; {@code unicode} false gives [ok] [x] [!] [-] for a terminal that cannot show ✓ and ✗. */
    public String text(boolean unicode) {
        StringBuilder out = new StringBuilder();
        for (Check check : checks) {
            out.append(mark(check.status(), unicode)).append(' ')
                    .append(String.format(Locale.ROOT, "%-" + TITLE_WIDTH + "s", check.title())).append(' ')
                    .append(check.status() == Check.Status.SKIP ? "skipped: " : "").append(check.detail());
            if (check.fix() != null && (check.status() == Check.Status.FAIL || check.status() == Check.Status.WARN)) {
                out.append(unicode ? " → " : " -> ").append("fix: ").append(check.fix());
            }
            out.append('\n');
        }
        out.append(summary()).append('\n');
        return out.toString();
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", Version.TOOL);
        if (host == null) {
            root.putNull("host");
        } else {
            root.put("host", host);
        }
        root.put("ok", exitCode() == ExitCode.OK);
        root.put("exit_code", exitCode().code());
        ArrayNode list = root.putArray("checks");
        for (Check check : checks) {
            ObjectNode node = list.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("status", check.status().name().toLowerCase(Locale.ROOT));
            node.put("detail", check.detail());
            if (check.fix() == null) {
                node.putNull("fix");
            } else {
                node.put("fix", check.fix());
            }
            if (check.failed()) {
                node.put("exit_code", check.kind().code());
            }
            if (!check.items().isEmpty()) {
                ArrayNode items = node.putArray("problems");
                check.items().forEach(items::add);
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "7 passed, 1 warning, 1 failed: exit 4 (token accepted)". */
    public String summary() {
        long passed = count(Check.Status.PASS);
        long warned = count(Check.Status.WARN);
        long failed = count(Check.Status.FAIL);
        String counts = passed + " passed, " + warned + (warned == 1 ? " warning, " : " warnings, ") + failed + " failed";
        return checks.stream().filter(Check::failed).findFirst()
                .map(first -> counts + ": exit " + first.kind().code() + " (" + first.title() + ")")
                .orElse(counts + (warned == 0 ? ": ready" : ": ready, see the warnings"));
    }

    /** Whether text in this charset can show ✓ and ✗ (a C or POSIX locale cannot). */
    public static boolean canShowMarks(Charset charset) {
        return charset.newEncoder().canEncode("✓✗→");
    }

    private long count(Check.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    private static String mark(Check.Status status, boolean unicode) {
        return switch (status) {
            case PASS -> unicode ? "✓" : "[ok]";
            case FAIL -> unicode ? "✗" : "[x]";
            case WARN -> unicode ? "!" : "[!]";
            case SKIP -> unicode ? "-" : "[-]";
        };
    }
}
