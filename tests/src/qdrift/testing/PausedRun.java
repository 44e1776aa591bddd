package qdrift.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A script in its own JVM, stopped by FolderSync's test hook: waits until its stderr says it paused at a point. */
public final class PausedRun {
    private PausedRun() {
    }

    /** Returns once the run said "qdrift-testing: paused at POINT" (within 120 s); fails the test otherwise. */
    public static Process awaitPause(Process run, String point) throws Exception {
        CompletableFuture<List<String>> paused = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader err = new BufferedReader(new InputStreamReader(run.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("qdrift-testing: paused at " + point)) {
                        return lines;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        });
        List<String> said = paused.get(120, TimeUnit.SECONDS);
        if (said.isEmpty() || !said.get(said.size() - 1).startsWith("qdrift-testing: paused at " + point)) {
            run.destroyForcibly();
            fail("the run never reached " + point + ":\n" + String.join("\n", said));
        }
        assertTrue(run.isAlive());
        return run;
    }
}
