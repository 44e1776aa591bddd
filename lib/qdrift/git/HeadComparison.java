package qdrift.git;

import java.util.List;
import java.util.Set;

/**
 * Files compared with HEAD in memory ({@link GitWorkspace#compareInMemory}): those whose bytes are HEAD's blob, the
 * committed managed files the compared set no longer has, and how many files were compared.
 */
public record HeadComparison(Set<String> same, List<String> stale, int compared) {
    public HeadComparison {
        same = Set.copyOf(same);
        stale = List.copyOf(stale);
    }

    /** Whether the compared files are exactly HEAD's: every one equal, none committed missing. */
    public boolean identical() {
        return same.size() == compared && stale.isEmpty();
    }
}
