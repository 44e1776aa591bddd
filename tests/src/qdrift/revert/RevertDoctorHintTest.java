package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** Issue 15: a revert refused for its token names the doctor command that checks the revert rights too. */
class RevertDoctorHintTest {
    @TempDir
    Path temp;
    RevertRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    void aRejectedTokenProposesTheDoctorWithRevert() {
        ScriptRun run = fixture.revertWithToken("rejected-token");
        assertEquals(4, run.exitCode(), run::toString);
        String expected = "(check the setup: ./jbang doctor.java --url " + fixture.sandbox.url() + " --repo " + fixture.repo
                + " --path " + RevertRepo.FOLDER + " --revert)";
        assertTrue(run.err().strip().endsWith(expected), "expected the error to end with " + expected + "\n" + run);
    }
}
