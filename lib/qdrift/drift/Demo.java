package qdrift.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.export.Exporter;
import qdrift.export.FolderExport;
import qdrift.export.ScratchFolder;
import qdrift.model.ResourceType;
import qdrift.report.DriftReport;
import qdrift.report.ExitPolicy;
import qdrift.report.TextReport;
import qdrift.revert.PlanText;
import qdrift.revert.Revert;
import qdrift.revert.RevertPlan;
import qdrift.revert.Selection;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;

/**
 * The product in one run, for a newcomer: a sandbox Qualytics, a Git repo with a committed baseline, two edits made
 * "in the UI" over HTTP, then the drift check that catches them. Talk on stderr, the report on stdout, exit 1.
 */
public final class Demo {
    private static final String FOLDER = "qualytics-config";
    private static final int STEPS = 7;

    private final Log log;
    private final PrintWriter out;
    private final boolean color;

    public Demo(Log log, PrintWriter out, boolean color) {
        this.log = log;
        this.out = out;
        this.color = color;
    }

    public int run() {
        try (ScratchFolder scratch = ScratchFolder.create("qualytics-drift-demo", "the demo repository");
             Sandbox sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withPort(0).withRandomOrder(true))) {
            Path repo = initRepo(scratch.path());
            ServerConfig server = new ServerConfig(sandbox.url(), sandbox.token(), Duration.ofSeconds(30));
            step(1, "Started a sandbox Qualytics API at " + sandbox.url()
                    + " (a generated tenant; it answers in random order, as the real API may).");
            try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
                long datastoreId = sandbox.state().busiestDatastoreId();
                Exporter.Scope scope = new Exporter.Scope(List.of(datastoreId), false, Set.of(ResourceType.values()));
                Exporter.Export baseline = new Exporter(client, Log.silent()).export(scope).complete();
                FolderExport.write(baseline, client.baseUrl(), scope.include(), repo.resolve(FOLDER), false);
                commitBaseline(repo);
                step(2, "Exported datastore " + datastoreId + " (" + baseline.datastores().get(0).name() + ") into "
                        + repo.resolve(FOLDER) + ": " + baseline.snapshot().entries().size()
                        + " YAML files, committed to Git as the approved baseline.");

                ObjectNode check = pickActiveCheck(client, datastoreId);
                patch(sandbox, "/api/quality-checks/" + check.path("id").asLong(), "{\"coverage\": 0.5, \"status\": \"Draft\"}");
                step(3, "Someone edits quality check " + check.path("id").asLong() + " (" + check.path("rule_type").asText()
                        + " on " + check.path("container").path("name").asText() + ") in the UI: coverage "
                        + check.path("coverage").asText() + " -> 0.5 and status Active -> Draft.");
                JsonNode field = pickComputedField(client, datastoreId);
                delete(sandbox, "/api/computed-fields/" + field.path("id").asLong());
                step(4, "Someone deletes computed field '" + field.path("name").asText() + "' of container '"
                        + field.path("container_name").asText() + "' in the UI.");

                step(5, "The drift check re-exports over the committed folder and compares with Git (what cron runs):\n"
                        + "   " + qdrift.cli.ScriptCommand.prefix("drift.java") + "--repo " + repo + " --path " + FOLDER + " --datastore-id " + datastoreId + " --no-pull\n");
                DriftCheck.Settings settings = new DriftCheck.Settings(repo, FOLDER, scope, false, false, List.of(),
                        Duration.ofMinutes(1), false, Optional.empty());
                DriftCheck.Outcome outcome = new DriftCheck(client, Log.silent(), Clock.systemUTC()).run(settings, null);
                DriftReport report = outcome.report();
                out.print(TextReport.render(report, outcome.texts(), 120, color));
                out.flush();
                int exit = ExitPolicy.exitCode(report, Set.of(ResourceType.values()));
                step(6, "Exit code " + exit + (exit == 1 ? " means drift: " : ": ")
                        + "in cron, add -o json=drift.json and pipe it to notify.java (Slack, PagerDuty, email), "
                        + "or --open-pr to propose the change for review.");
                if (report.revertCommand() != null) {
                    step(7, "Or put live back to Git. The report names the command; without --apply it only plans (no write):\n"
                            + "   " + report.revertCommand() + "\n");
                    out.print(PlanText.render(revertPlan(client, repo, datastoreId, report)));
                    out.flush();
                    log.info("[demo 7/" + STEPS + "] In your own repository, add --apply --yes to the command a report names to write the plan,"
                            + " then verify that live equals Git. This demo's repository and sandbox are removed when it ends.");
                }
                return exit;
            }
        }
    }

    private void step(int number, String text) {
        log.info("[demo " + number + "/" + STEPS + "] " + text);
    }

    /** The plan of the report's revert command: exactly the reported files, Git at the compared commit. */
    private static RevertPlan revertPlan(QualyticsClient client, Path repo, long datastoreId, DriftReport report) {
        List<String> files = report.changes().stream().map(c -> c.file()).toList();
        Revert.Settings settings = new Revert.Settings(repo, FOLDER, report.origin().commit(), List.of(datastoreId), false,
                new Selection(files, null), false);
        return new Revert(client, Log.silent(), name -> null).plan(settings);
    }

    private static ObjectNode pickActiveCheck(QualyticsClient client, long datastoreId) {
        return client.qualityChecks(datastoreId).stream()
                .filter(c -> "Active".equals(c.path("status").asText()) && c.path("coverage").asDouble() > 0.5)
                .min(Comparator.comparingLong(c -> c.path("id").asLong()))
                .orElseThrow(() -> new Failure(ExitCode.INTERNAL, "the demo tenant has no active check to edit"));
    }

    private static JsonNode pickComputedField(QualyticsClient client, long datastoreId) {
        List<Long> ids = client.containers(datastoreId).stream().map(c -> c.path("id").asLong()).sorted().toList();
        for (ObjectNode container : client.containerDetails(ids)) {
            for (JsonNode field : container.path("computed_fields")) {
                return ((ObjectNode) field.deepCopy()).put("container_name", container.path("name").asText());
            }
        }
        throw new Failure(ExitCode.INTERNAL, "the demo tenant has no computed field to delete");
    }

    private static void patch(Sandbox sandbox, String path, String json) {
        send(sandbox, HttpRequest.newBuilder(URI.create(sandbox.url() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    private static void delete(Sandbox sandbox, String path) {
        send(sandbox, HttpRequest.newBuilder(URI.create(sandbox.url() + path)).DELETE());
    }

    private static void send(Sandbox sandbox, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    request.header("Authorization", "Bearer " + sandbox.token()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new Failure(ExitCode.INTERNAL, "the sandbox refused the demo edit: HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new Failure(ExitCode.API, "cannot reach the sandbox: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.INTERNAL, "interrupted", e);
        }
    }

    private static Path initRepo(Path repo) {
        try {
            Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
            return repo;
        } catch (GitAPIException e) {
            throw Failure.io("cannot create the demo repository: " + e.getMessage(), e);
        }
    }

    private static void commitBaseline(Path repo) {
        try (Git git = Git.open(repo.toFile())) {
            PersonIdent demo = new PersonIdent("qualytics-drift demo", "demo@localhost");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Baseline: approved Qualytics configuration").setAuthor(demo).setCommitter(demo)
                    .setSign(false).call();
        } catch (IOException | GitAPIException e) {
            throw new Failure(ExitCode.GIT, "cannot commit the demo baseline: " + e.getMessage(), e);
        }
    }
}
