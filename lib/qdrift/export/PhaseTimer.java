package qdrift.export;

import java.util.function.Supplier;
import qdrift.cli.Log;

/** Times the phases of an export and reports each on stderr with --verbose ("timing: read API 2.41 s"). */
public final class PhaseTimer {
    private final Log log;

    public PhaseTimer(Log log) {
        this.log = log;
    }

    public <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            log.debug(String.format("timing: %s %.2f s", phase, (System.nanoTime() - started) / 1e9));
        }
    }
}
