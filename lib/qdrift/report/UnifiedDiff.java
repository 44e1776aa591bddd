//DEPS org.eclipse.jgit:org.eclipse.jgit:7.1.0.202411261347-r
package qdrift.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A git-style unified diff of one file's two texts (secrets masked first), with its insertion and deletion counts. */
record UnifiedDiff(String file, int insertions, int deletions, List<String> lines) {
    private static final String DEV_NULL = "/dev/null";

    static UnifiedDiff of(FileText text) {
        return of(text, "a/", "b/");
    }

    /** With other prefixes than git's a/ and b/ in the header (compare-envs names the sides). */
    static UnifiedDiff of(FileText text, String beforePrefix, String afterPrefix) {
        String before = SecretMask.maskYaml(text.before());
        String after = SecretMask.maskYaml(text.after());
        RawText a = raw(before);
        RawText b = raw(after);
        EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
        int insertions = 0;
        int deletions = 0;
        for (Edit edit : edits) {
            insertions += edit.getLengthB();
            deletions += edit.getLengthA();
        }
        List<String> lines = new ArrayList<>();
        if (edits.isEmpty()) {
            return new UnifiedDiff(text.file(), 0, 0, lines);
        }
        lines.add("diff --git " + beforePrefix + text.file() + " " + afterPrefix + text.file());
        lines.add("--- " + (before == null ? DEV_NULL : beforePrefix + text.file()));
        lines.add("+++ " + (after == null ? DEV_NULL : afterPrefix + text.file()));
        ByteArrayOutputStream hunks = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(hunks)) {
            formatter.setContext(3);
            formatter.format(edits, a, b);
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hunks.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        return new UnifiedDiff(text.file(), insertions, deletions, lines);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    private static RawText raw(String text) {
        return text == null ? RawText.EMPTY_TEXT : new RawText(text.getBytes(StandardCharsets.UTF_8));
    }
}
