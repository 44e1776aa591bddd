package qdrift.report;

/** The YAML text of one file on each side of a comparison (null where the file does not exist), for rendering diffs. */
public record FileText(String file, String before, String after) {
}
