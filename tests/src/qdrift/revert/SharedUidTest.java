package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.model.CanonicalYaml;
import qdrift.sandbox.Kind;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * Issue 16 item 10: three uids, each held by two checks on the server. An importer matching by uid would aim a write
 * at whichever check of a pair it meets last, so the export gives a shared uid to neither check: each gets the uid
 * of its file, and the export warns, naming the uid and the ids.
 */
class SharedUidTest {
    private static final List<String> SHARED = List.of("dup-a", "dup-b", "dup-c");

    @TempDir
    Path temp;
    RevertRepo fixture;
    /** The checks of each shared uid, lowest id first. */
    final Map<String, List<Long>> holders = new HashMap<>();
    ScriptRun baseline;

    @BeforeEach
    void threeUidsEachHeldByTwoChecks() {
        fixture = RevertRepo.create(temp);
        List<Long> active = fixture.state().checkIds(fixture.datastoreId).stream()
                .filter(id -> "Active".equals(fixture.state().get(Kind.CHECK, id).path("status").asText())).toList();
        assertTrue(active.size() >= 2 * SHARED.size(), "the tenant needs six active checks, has " + active.size());
        for (int i = 0; i < SHARED.size(); i++) {
            List<Long> pair = List.of(active.get(2 * i), active.get(2 * i + 1));
            holders.put(SHARED.get(i), pair);
            for (long id : pair) {
                ObjectNode metadata = fixture.state().get(Kind.CHECK, id).path("additional_metadata") instanceof ObjectNode o
                        ? o.deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                metadata.put("_qualytics_check_uid", SHARED.get(i)).put("marker", "marker-" + id);
                ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                body.set("additional_metadata", metadata);
                fixture.state().updateCheck(id, body.toString());
            }
        }
        baseline = export();
        assertEquals(0, baseline.exitCode(), baseline.toString());
        fixture.commitAll("baseline with shared uids");
        fixture.sandbox.stats().reset();
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    @Test
    void noFileGetsASharedUidTheWarningNamesItAndAReexportInAnyOrderIsByteIdentical() throws Exception {
        Map<String, String> uids = checkUids();
        List<String> repeated = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        uids.forEach((file, uid) -> {
            if (seen.put(uid, file) != null) {
                repeated.add(uid);
            }
        });
        assertEquals(List.of(), repeated, "no two files share a uid");
        for (String shared : SHARED) {
            assertTrue(!seen.containsKey(shared), "no file gets the shared uid " + shared + ": " + seen.get(shared));
            List<Long> ids = holders.get(shared);
            assertTrue(baseline.err().contains("checks " + ids + " share _qualytics_check_uid '" + shared + "': neither file gets it"),
                    "the warning names " + shared + " and " + ids + ":\n" + baseline.err());
            for (long id : ids) {
                String file = fileWith("marker-" + id);
                String inChecks = file.substring(file.indexOf("/checks/") + "/checks/".length(), file.length() - ".yaml".length());
                String derived = inChecks.replace("/", "__"); // <container folder>__<file stem>
                assertEquals(derived, uids.get(file), "check " + id + " gets the uid of its file");
            }
        }

        fixture.sandbox.configure(o -> o.withRandomOrder(true));
        for (int run = 0; run < 2; run++) {
            ScriptRun again = export();
            assertEquals(0, again.exitCode(), again.toString());
            try (Git git = Git.open(fixture.repo.toFile())) {
                assertTrue(git.status().call().isClean(), "a re-export in another API order changes no byte: "
                        + git.status().call().getModified());
            }
        }
    }

    @Test
    @Fault(group = "revert")
    void aRevertOfOneCheckOfAPairNeverWritesTheOther() throws Exception {
        long edited = holders.get("dup-a").get(1);
        long twin = holders.get("dup-a").get(0);
        String twinBefore = fixture.state().get(Kind.CHECK, twin).toString();
        Path file = fixture.repo.resolve(RevertRepo.FOLDER).resolve(fileWith("marker-" + edited));
        Files.writeString(file, Files.readString(file).replace("marker-" + edited, "marker-" + edited + "-approved"));
        fixture.commitAll("approve a new marker for one check of the pair");

        ScriptRun apply = fixture.revert("--apply", "--yes");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.out().contains("Apply: verified"), apply.out());
        assertEquals(1, fixture.writes(), "one write: " + fixture.sandbox.stats().byPath());
        assertEquals("marker-" + edited + "-approved",
                fixture.state().get(Kind.CHECK, edited).path("additional_metadata").path("marker").asText(), "the edited check got the write");
        assertEquals(twinBefore, fixture.state().get(Kind.CHECK, twin).toString(), "the other check of the pair is untouched");
        // the write gave the edited check its file's uid on the server: the twin now holds dup-a alone, so it is a
        // safe uid again and the next export gives it back to the twin's file (one change of the twin's uid, nothing else)
        ScriptRun drift = fixture.drift();
        assertEquals(1, drift.exitCode(), drift.toString());
        assertTrue(drift.out().contains("1 finding, 1 change (0 added, 0 removed, 1 modified)"), drift.out());
        assertTrue(drift.out().contains("check `dup-a` (container"), drift.out());
        assertTrue(drift.out().contains("additional_metadata._qualytics_check_uid "), drift.out());
    }

    private ScriptRun export() {
        return ScriptRun.of("ExportCommand", "--url", fixture.sandbox.url(), "--token", fixture.sandbox.token(),
                "--datastore-id", String.valueOf(fixture.datastoreId), "--folder", fixture.repo.resolve(RevertRepo.FOLDER).toString());
    }

    /** Every check file of the export folder (relative to it) and its uid. */
    private Map<String, String> checkUids() {
        Path folder = fixture.repo.resolve(RevertRepo.FOLDER);
        Map<String, String> uids = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.filter(p -> p.toString().contains("/checks/") && p.toString().endsWith(".yaml")).toList()) {
                uids.put(folder.relativize(path).toString(), CanonicalYaml.read(Files.readAllBytes(path))
                        .path("additional_metadata").path("_qualytics_check_uid").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertNotEquals(0, uids.size());
        return uids;
    }

    private String fileWith(String marker) {
        Path folder = fixture.repo.resolve(RevertRepo.FOLDER);
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> holding = files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8).contains(marker + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            assertEquals(1, holding.size(), marker + " is in exactly one file: " + holding);
            return folder.relativize(holding.get(0)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
