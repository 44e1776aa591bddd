package qdrift.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the last run learned of one instance's rate limit, so the next run need not find it again from a slow start:
 * cron asks the same instance every few minutes, and a slow start alone costs a 369-request read about 1.4 s.
 * One small file per host and port under {@code $XDG_STATE_HOME/qualytics-drift/pace} (else ~/.local/state/...),
 * holding only a time, "unrefused" or "refused" and a rate: no token, no path, nothing of the configuration. A memory
 * older than {@link #TRUSTED_FOR} is ignored, and so is any file it cannot read: then the slow start applies.
 * Writes go to a temporary file renamed over the old one, so runs at the same minute never read half a file.
 */
public final class PaceMemory {
    /** Longer than a day, so that a daily job, written at the end of yesterday's run, still finds it. */
    static final Duration TRUSTED_FOR = Duration.ofHours(36);
    /** Set to "off" to neither read nor write a memory (the test suite does, so tests never share one). */
    public static final String SWITCH_VARIABLE = "QUALYTICS_DRIFT_PACE_MEMORY";

    /**
     * What a run ended with: {@code rps} requests a second went through without a refusal (infinite: the client ran
     * unpaced), or the server refused and the client paced itself at about {@code rps}.
     */
    public record Learned(boolean refused, double rps, Instant at) {
        static Learned unrefused(double rps, Instant at) {
            return new Learned(false, rps, at);
        }

        static Learned refusedAt(double rps, Instant at) {
            return new Learned(true, rps, at);
        }
    }

    private static final PaceMemory NONE = new PaceMemory(null);
    private final Path dir;

    private PaceMemory(Path dir) {
        this.dir = dir;
    }

    /** No memory: every run starts slowly (in-process clients, tests, and when nothing can be written). */
    public static PaceMemory none() {
        return NONE;
    }

    /** The memory in {@code dir}. */
    public static PaceMemory in(Path dir) {
        return new PaceMemory(dir);
    }

    /** The memory the scripts use, from the environment: none when switched off or when no home is known. */
    public static PaceMemory fromEnvironment(Function<String, String> env) {
        if ("off".equalsIgnoreCase(String.valueOf(env.apply(SWITCH_VARIABLE)).trim())) {
            return NONE;
        }
        String state = env.apply("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return in(Path.of(state, "qualytics-drift", "pace"));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || "?".equals(home)) {
            return NONE;
        }
        return in(Path.of(home, ".local", "state", "qualytics-drift", "pace"));
    }

    /** What an earlier run learned of {@code baseUrl}'s instance, when it is recent enough to trust. */
    Optional<Learned> recall(String baseUrl, Instant now) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file(baseUrl), StandardCharsets.US_ASCII).trim().split(" ");
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (!"v1".equals(parts[0]) || at.isAfter(now) || Duration.between(at, now).compareTo(TRUSTED_FOR) > 0) {
                return Optional.empty();
            }
            double rps = "inf".equals(parts[3]) ? Double.POSITIVE_INFINITY : Double.parseDouble(parts[3]);
            boolean sane = parts.length == 4 && rps >= Pacer.MIN_RPS && !Double.isNaN(rps);
            if (sane && "unrefused".equals(parts[2])) {
                return Optional.of(Learned.unrefused(rps, at));
            }
            if (sane && "refused".equals(parts[2]) && Double.isFinite(rps)) {
                return Optional.of(Learned.refusedAt(rps, at));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // no memory, or not one we wrote: the slow start finds the limit again
        }
    }

    /** Keeps what this run learned; a failure to write only costs the next run its slow start. */
    void remember(String baseUrl, Learned learned) {
        if (dir == null) {
            return;
        }
        String line = "v1 " + learned.at().getEpochSecond() + " "
                + (learned.refused() ? "refused " : "unrefused ")
                + (Double.isInfinite(learned.rps()) ? "inf" : String.format(Locale.ROOT, "%.1f", learned.rps())) + "\n";
        try {
            Files.createDirectories(dir);
            Path target = file(baseUrl);
            Path temporary = Files.createTempFile(dir, ".pace-", ".tmp");
            try {
                Files.writeString(temporary, line, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException cannot) {
            // nothing to report: the memory is an optimisation
        }
    }

    /** host_port, lower case, only letters, digits, dots and dashes: one file per instance. */
    Path file(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
        return dir.resolve(host + "_" + port);
    }
}
