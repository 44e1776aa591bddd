package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.model.ResourceType;
import qdrift.sandbox.Kind;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.sandbox.TenantState;
import qdrift.testing.ScriptRun;
import qdrift.testing.TenantPicks;

/**
 * A sandbox Qualytics with a small tenant and a git repository holding a committed export of its busiest datastore
 * (made by export.java). Tests change things "in the UI" over HTTP, then run drift.java and revert.java.
 */
final class RevertRepo implements AutoCloseable {
    static final String FOLDER = "qualytics-config";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Sandbox sandbox;
    final Path repo;
    final long datastoreId;

    private RevertRepo(Sandbox sandbox, Path repo, long datastoreId) {
        this.sandbox = sandbox;
        this.repo = repo;
        this.datastoreId = datastoreId;
    }

    static RevertRepo create(Path temp) {
        Sandbox sandbox = Sandbox.start(TenantSpec.of(TenantSpec.DEFAULT_SEED, 60, 10), SandboxOptions.defaults());
        try {
            Path repo = temp.resolve("config");
            RevertRepo fixture = new RevertRepo(sandbox, repo, sandbox.state().busiestDatastoreId());
            Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
            ScriptRun export = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                    "--datastore-id", String.valueOf(fixture.datastoreId), "--folder", repo.resolve(FOLDER).toString(), "--quiet");
            assertEquals(0, export.exitCode(), "export.java failed\n" + export);
            fixture.commitAll("baseline: approved configuration");
            sandbox.stats().reset();
            return fixture;
        } catch (GitAPIException | RuntimeException | AssertionError e) {
            sandbox.close();
            throw e instanceof GitAPIException g ? new IllegalStateException(g) : (RuntimeException) (e instanceof AssertionError a ? new IllegalStateException(a) : e);
        }
    }

    TenantState state() {
        return sandbox.state();
    }

    ScriptRun drift(String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(), "--repo", repo.toString(),
                "--path", FOLDER, "--datastore-id", String.valueOf(datastoreId), "--no-pull", "--check-only", "--no-color", "--quiet"));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("DriftCommand", args.toArray(String[]::new));
    }

    /** revert.java against this sandbox and repository (with --token, --repo, --path, --datastore-id) plus extra. */
    ScriptRun revert(String... extra) {
        return revertWithToken(sandbox.token(), extra);
    }

    /** revert.java applying a saved plan: only the server and the extra arguments (the plan holds the rest). */
    ScriptRun applyPlanFile(Path planFile, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", sandbox.token(), "--no-color",
                "--apply", "--plan-file", planFile.toString()));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("RevertCommand", args.toArray(String[]::new));
    }

    ScriptRun revertWithToken(String token, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", token, "--repo", repo.toString(),
                "--path", FOLDER, "--datastore-id", String.valueOf(datastoreId), "--no-color"));
        args.addAll(Arrays.asList(extra));
        return ScriptRun.of("RevertCommand", args.toArray(String[]::new));
    }

    /** The whole configuration the sandbox holds for the datastore, ids aside: the canonical export, file by file. */
    SortedMap<String, String> configuration() {
        ServerConfig server = new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(30));
        try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
            Exporter.Export export = new Exporter(client, Log.silent())
                    .export(new Exporter.Scope(List.of(datastoreId), false, Set.of(ResourceType.values())));
            SortedMap<String, String> files = new TreeMap<>();
            export.snapshot().render().forEach((file, bytes) -> files.put(file, new String(bytes, StandardCharsets.UTF_8)));
            return files;
        }
    }

    /** Writes (POST, PUT, PATCH, DELETE) the sandbox served since the last reset. */
    long writes() {
        return sandbox.stats().byPath().entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
    }

    // ---- "in the UI": plain HTTP, as the browser would send it ----

    JsonNode ui(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.url() + path)).timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + sandbox.token());
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ObjectNode activeCheck() {
        return TenantPicks.activeCheck(state(), datastoreId);
    }

    ObjectNode computedField() {
        return TenantPicks.computedField(state(), datastoreId);
    }

    /** A computed container with a query (computed_table), the lowest id first. */
    ObjectNode computedTable() {
        return state().containerIds(datastoreId).stream().map(id -> state().get(Kind.CONTAINER, id))
                .filter(c -> "computed_table".equals(c.path("container_type").asText()) && c.hasNonNull("query"))
                .findFirst().orElseThrow(() -> new AssertionError("the tenant has no computed table in datastore " + datastoreId));
    }

    /**
     * A computed table made recreatable exactly and committed so: its checks are not inferred (profiling sets that, the
     * API cannot) and have no duplicates (a duplicate's file name carries its server id, which a new check cannot keep).
     */
    ObjectNode recreatableComputedContainer() {
        ObjectNode table = computedTable();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long id : state().checkIds(datastoreId)) {
            ObjectNode check = state().get(Kind.CHECK, id);
            if (check.path("container_id").asLong() != table.path("id").asLong()) {
                continue;
            }
            if (!seen.add(check.path("rule_type").asText() + qdrift.model.Canonicalizer.names(check.path("fields")))) {
                state().deleteCheck(id);
            } else if (check.path("inferred").asBoolean(false)) {
                state().updateCheck(id, "{\"inferred\": false}");
            }
        }
        rebaseline();
        return table;
    }

    /** Exports again and commits: what the sandbox holds now is the approved configuration. */
    void rebaseline() {
        ScriptRun export = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", sandbox.token(),
                "--datastore-id", String.valueOf(datastoreId), "--folder", repo.resolve(FOLDER).toString(), "--quiet");
        assertEquals(0, export.exitCode(), "export.java failed\n" + export);
        commitAll("re-baseline");
        sandbox.stats().reset();
    }

    long connectionId() {
        return state().get(Kind.DATASTORE, datastoreId).path("connection_id").asLong();
    }

    void commitAll(String message) {
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call(); // deletions too
            PersonIdent test = new PersonIdent("Test", "test@example.com");
            git.commit().setMessage(message).setAuthor(test).setCommitter(test).setSign(false).call();
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + repo + ": " + e.getMessage(), e);
        }
    }

    String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
