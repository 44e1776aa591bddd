package qdrift.git;

import java.util.Arrays;

/**
 * One file under the export folder that differs from HEAD: its path relative to that folder (with {@code /}),
 * its committed bytes (null if the file is new) and its current bytes (null if it was removed).
 */
public record FileChange(String file, byte[] before, byte[] after) {

    public boolean isAdded() {
        return before == null;
    }

    public boolean isRemoved() {
        return after == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileChange that && file.equals(that.file)
                && Arrays.equals(before, that.before) && Arrays.equals(after, that.after);
    }

    @Override
    public int hashCode() {
        return 31 * file.hashCode() + 17 * Arrays.hashCode(before) + Arrays.hashCode(after);
    }

    @Override
    public String toString() {
        String kind = isAdded() ? "added" : isRemoved() ? "removed" : "modified";
        return "FileChange[" + file + " " + kind + "]";
    }
}
