package qdrift.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** Issue 15: when drift fails on something doctor.java checks, its one-line error names the doctor command for the same setup. */
class DoctorHintTest {
    private static final String HINT = " (check the setup: ";

    @TempDir
    Path temp;
    DriftRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = DriftRepo.create(temp);
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    /** The doctor arguments the hint of a one-line error proposes (after "./jbang doctor.java"). */
    static List<String> hintedDoctorArguments(ScriptRun run) {
        List<String> errors = run.err().lines().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run::toString);
        String error = errors.get(0);
        int at = error.lastIndexOf(HINT);
        assertTrue(at > 0 && error.endsWith(")"), "the error names the doctor command\n" + run);
        List<String> words = Arrays.asList(error.substring(at + HINT.length(), error.length() - 1).split(" "));
        assertEquals(List.of("./jbang", "doctor.java"), words.subList(0, 2), error);
        return words.subList(2, words.size());
    }

    @Test
    void aRejectedTokenNamesTheDoctorCommandThatFindsIt() {
        String cronToken = fixture.sandbox.token();
        fixture.sandbox.configure(o -> o.withToken("rotated-token"));
        ScriptRun drift = fixture.drift();
        assertEquals(4, drift.exitCode(), drift::toString);
        List<String> doctorArguments = hintedDoctorArguments(drift);
        assertEquals(List.of("--url", fixture.sandbox.url(), "--repo", fixture.repo.toString(), "--path", DriftRepo.FOLDER),
                doctorArguments, drift::toString);
        assertFalse(drift.err().contains(cronToken), "the hint never carries the token\n" + drift);

        List<String> doctorRun = new ArrayList<>(doctorArguments);
        doctorRun.addAll(List.of("--token", cronToken, "--ascii", "--no-color"));
        ScriptRun doctor = ScriptRun.of("DoctorCommand", doctorRun.toArray(String[]::new));
        assertEquals(4, doctor.exitCode(), "the proposed doctor run finds the rejected token\n" + doctor);
        assertTrue(doctor.out().lines().anyMatch(line -> line.startsWith("[x] token accepted")), doctor::toString);
    }

    @Test
    void aProposedPullRequestAsksTheDoctorToCheckPushRights() throws java.io.IOException {
        Path gitToken = java.nio.file.Files.writeString(temp.resolve("git-token"), "glpat-example\n");
        fixture.sandbox.configure(o -> o.withToken("rotated-token"));
        ScriptRun drift = fixture.drift("--open-pr", "--git-token-file", gitToken.toString());
        assertEquals(4, drift.exitCode(), drift::toString);
        assertTrue(hintedDoctorArguments(drift).contains("--open-pr"), drift::toString);
    }

    @Test
    void aUsageErrorHasNoDoctorHint() {
        ScriptRun drift = fixture.drift("--max-diff-lines", "0");
        assertEquals(2, drift.exitCode(), drift::toString);
        assertFalse(drift.err().contains("doctor.java"), drift::toString);
    }
}
