package qdrift.doctor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import qdrift.git.GitToken;

/**
 * What doctor checks against: the instance (URL and a token that may fail to resolve), the export folder (drift's
 * --repo and --path, or export's --output as {@code folder}), what the user means to do (--open-pr, revert) and which
 * notify destinations to look at (empty: those whose settings are present in {@code env}).
 */
public record DoctorSettings(String url, Supplier<String> token, Duration timeout, double maxRps,
                             Path repo, String path, Path folder,
                             boolean openPr, Supplier<Optional<GitToken>> gitToken, boolean forRevert,
                             List<String> destinations, Function<String, String> env, Instant now) {
    public DoctorSettings {
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    /** The folder doctor checks: --folder, else --path inside --repo, else none. */
    Optional<Path> exportFolder() {
        if (folder != null) {
            return Optional.of(folder);
        }
        return repo == null ? Optional.empty() : Optional.of(repo.resolve(path == null ? "qualytics-config" : path));
    }
}
