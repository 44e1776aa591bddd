package qdrift.revert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import qdrift.cli.Failure;

/**
 * The apply lock files of some datastores as they were at one moment (modification time and content): every apply
 * rewrites its lock file when it takes the lock, so unchanged stamps mean no apply took a lock since. Taken only when
 * the locks are free, so that no apply was under way either: then the live state read right after stands for the
 * read under the lock, when the lock is free again at once (see {@link Revert#planToApply}).
 */
final class LockStamps {
    private final Set<Long> datastoreIds;
    private final Map<Path, String> stamps;

    private LockStamps(Set<Long> datastoreIds, Map<Path, String> stamps) {
        this.datastoreIds = datastoreIds;
        this.stamps = stamps;
    }

    /** The stamps of the lock files, taken right after their locks were found free (and let go); null when one is held or cannot be taken. */
    static LockStamps ifFree(Path dir, String host, List<Long> datastoreIds) {
        List<Path> files;
        try (ApplyLock probe = ApplyLock.tryAcquire(dir, host, datastoreIds)) {
            if (probe == null) {
                return null;
            }
            files = probe.files();
        } catch (Failure cannot) {
            return null; // the apply itself reports why it cannot lock
        }
        return new LockStamps(new TreeSet<>(datastoreIds), stamp(files));
    }

    Set<Long> datastoreIds() {
        return datastoreIds;
    }

    /** True when every lock file is as it was stamped. */
    boolean unchanged() {
        return stamp(List.copyOf(stamps.keySet())).equals(stamps);
    }

    private static Map<Path, String> stamp(List<Path> files) {
        Map<Path, String> stamps = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                stamps.put(file, Files.getLastModifiedTime(file).toInstant() + "\n" + Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                stamps.put(file, "unreadable: " + e.getMessage());
            }
        }
        return stamps;
    }
}
