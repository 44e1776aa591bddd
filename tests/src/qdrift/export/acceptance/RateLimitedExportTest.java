package qdrift.export.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.InstanceOptions;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/**
 * Behind an ingress like the older self-hosted chart's (10 requests/s, burst 2, 429 without Retry-After), --max-rps
 * under the limit means no refusal at all. (The adaptive pacing's figures against this ingress are in bench/RESULTS.md:
 * on a 70-request export it still saw 16-30 refusals, mostly its start-up burst, so no test pins them yet.)
 */
class RateLimitedExportTest {
    @Test
    void maxRpsCapsTheRateSoTheIngressNeverRefuses(@TempDir Path dir) {
        try (Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults(), InstanceOptions.defaults().withIngress(10, 2, 0))) {
            ScriptRun run = ConfigRepo.init(dir).exportOk(sandbox, "--all-datastores", "--max-rps", "9");
            assertEquals(0, sandbox.stats().status(429), "at 9/s a 10/s ingress never refuses:\n" + run);
        }
    }
}
