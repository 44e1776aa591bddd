package qdrift.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.Actionlint;
import qdrift.testing.Cron;
import qdrift.testing.ProjectRoot;
import qdrift.testing.ScriptOptions;
import qdrift.testing.Shell;

/**
 * examples/github-actions/qualytics-drift.yml: passes actionlint (the real linter, see {@link Actionlint}), and does
 * what the README says: a schedule, a matrix of shards each checking its share with --shard, the JSON report as an
 * artifact, the drift pull request, and one notify job at the end that reads every report in one notify.java run.
 */
class GitHubActionsWorkflowTest {
    private static final Path WORKFLOW = ProjectRoot.get().resolve("examples/github-actions/qualytics-drift.yml");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static JsonNode workflow;

    @BeforeAll
    static void parse() throws IOException {
        workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    }

    @Test
    void passesActionlint(@TempDir Path temp) throws IOException {
        List<Actionlint.Problem> problems = Actionlint.lint(temp, WORKFLOW);
        assertEquals(List.of(), problems, "actionlint " + Actionlint.VERSION + " found problems");
    }

    /** The linter really runs: a mistyped input of actions/checkout is caught. */
    @Test
    void actionlintCatchesAMistypedActionInput(@TempDir Path temp) throws IOException {
        String text = Files.readString(WORKFLOW);
        assertTrue(text.contains("fetch-depth: 0"));
        Path broken = Files.writeString(temp.resolve("broken.yml"), text.replace("fetch-depth: 0", "fetch-dept: 0"));
        List<Actionlint.Problem> problems = Actionlint.lint(temp, broken);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("fetch-dept")), problems.toString());
    }

    @Test
    void runsOnAValidScheduleAndByHand() {
        JsonNode on = workflow.path("on");
        assertTrue(on.has("workflow_dispatch"), "can be run by hand");
        assertTrue(on.path("schedule").size() >= 1, "has a schedule");
        for (JsonNode schedule : on.path("schedule")) {
            assertTrue(Cron.valid(schedule.path("cron").asText()), schedule.toString());
        }
    }

    @Test
    void eachShardChecksItsShareAndKeepsItsReportAsAnArtifact() {
        JsonNode drift = workflow.path("jobs").path("drift");
        JsonNode shards = drift.path("strategy").path("matrix").path("shard");
        assertTrue(shards.isArray() && shards.size() >= 2, "a matrix of shards: " + shards);
        for (int i = 0; i < shards.size(); i++) {
            assertEquals(i + 1, shards.get(i).asInt(), "shards are numbered 1..N: " + shards);
        }
        assertFalse(drift.path("strategy").path("fail-fast").asBoolean(true), "one failing shard must not cancel the others");

        JsonNode check = stepRunning(drift, "drift.java");
        assertEquals("${{ matrix.shard }}/${{ strategy.job-total }}", check.path("env").path("SHARD").asText());
        String command = command(check.path("run").asText(), "drift.java");
        assertTrue(command.contains("--all-datastores") && command.contains("--shard \"$SHARD\""), command);
        assertTrue(command.contains("--open-pr"), "proposes the drift as a pull request: " + command);
        assertTrue(command.contains("json=reports/$REPORT"), command);
        assertEquals("${{ secrets.QUALYTICS_TOKEN }}", check.path("env").path("QUALYTICS_TOKEN").asText(), "token from a secret");

        JsonNode upload = stepUsing(drift, "actions/upload-artifact@");
        assertEquals("always()", upload.path("if").asText(), "the report is kept even when the job fails");
        assertEquals("drift-report-${{ matrix.shard }}", upload.path("with").path("name").asText());
        assertEquals("reports/", upload.path("with").path("path").asText());
        assertTrue(drift.path("steps").toString().contains("actions/cache@"), "caches the Maven and JBang downloads");
    }

    @Test
    void oneNotifyJobReadsEveryReportInOneRun() {
        JsonNode jobs = workflow.path("jobs");
        JsonNode notify = jobs.path("notify");
        assertEquals("drift", notify.path("needs").asText());
        assertEquals("${{ !cancelled() }}", notify.path("if").asText(), "runs after a failed shard too");
        JsonNode download = stepUsing(notify, "actions/download-artifact@");
        assertEquals("drift-report-*", download.path("with").path("pattern").asText());
        assertTrue(download.path("with").path("merge-multiple").asBoolean());

        List<JsonNode> notifying = new ArrayList<>();
        jobs.forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("run").asText().contains("notify.java")) {
                notifying.add(step);
            }
        }));
        assertEquals(1, notifying.size(), "notify.java runs once, in the notify job");
        String run = notifying.get(0).path("run").asText();
        assertTrue(run.contains("args+=(--report \"$report\")") && command(run, "notify.java").contains("\"${args[@]}\""),
                "every downloaded report goes to the one notify.java run: " + run);
    }

    /** Every option the workflow passes to a script is one the script accepts (the syntax of this release). */
    @Test
    void everyOptionPassedToAScriptExists() {
        Map<String, String> commandClasses = Map.of("drift.java", "DriftCommand", "notify.java", "NotifyCommand");
        int checked = 0;
        for (JsonNode job : workflow.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                for (var script : commandClasses.entrySet()) {
                    String run = step.path("run").asText();
                    if (!run.contains(script.getKey())) {
                        continue;
                    }
                    Set<String> known = ScriptOptions.of(script.getValue());
                    Matcher m = OPTION.matcher(command(run, script.getKey()));
                    while (m.find()) {
                        assertTrue(known.contains(m.group()), script.getKey() + " has no option " + m.group());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 8, "options checked: " + checked);
    }

    /** GitHub runs each run: block with bash -e: each must at least parse. */
    @Test
    void everyRunBlockIsValidBash(@TempDir Path temp) throws IOException {
        int blocks = 0;
        for (JsonNode job : workflow.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.has("run")) {
                    Path script = Files.writeString(temp.resolve("run-" + blocks++ + ".sh"), step.path("run").asText());
                    Shell.Result result = Shell.run(temp, Map.of(), List.of("bash", "-n", script.toString()));
                    assertEquals(0, result.exitCode(), step.path("name").asText() + ": " + result);
                }
            }
        }
        assertTrue(blocks >= 3, "run blocks: " + blocks);
    }

    /** Every variable a step sets is read: by its run block, by the launcher, or by the scripts (no dead EXPECTED). */
    @Test
    void everyVariableAStepSetsIsRead() throws IOException {
        StringBuilder readers = new StringBuilder(Files.readString(ProjectRoot.get().resolve("jbang")));
        try (var sources = Files.walk(ProjectRoot.get().resolve("lib"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                readers.append(Files.readString(source));
            }
        }
        try (var scripts = Files.list(ProjectRoot.get())) {
            for (Path script : scripts.filter(f -> f.toString().endsWith(".java")).toList()) {
                readers.append(Files.readString(script));
            }
        }
        int variables = 0;
        for (JsonNode job : workflow.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                String run = step.path("run").asText();
                for (var names = step.path("env").fieldNames(); names.hasNext(); variables++) {
                    String name = names.next();
                    boolean read = Pattern.compile("\\$\\{?" + name + "\\b").matcher(run).find()
                            || readers.indexOf("\"" + name + "\"") >= 0 || readers.indexOf("env:" + name) >= 0
                            || readers.indexOf("${" + name) >= 0 || readers.indexOf("$" + name) >= 0;
                    assertTrue(read, step.path("name").asText() + " sets " + name + ", which nothing reads");
                }
            }
        }
        assertTrue(variables >= 4, "variables set by steps: " + variables);
    }

    private static JsonNode stepRunning(JsonNode job, String text) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("run").asText().contains(text)) {
                return step;
            }
        }
        throw new AssertionError("no step runs " + text);
    }

    private static JsonNode stepUsing(JsonNode job, String action) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith(action)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    /** The shell command that calls the script: its line and the continuation lines after it. */
    static String command(String run, String script) {
        StringBuilder command = new StringBuilder();
        boolean in = false;
        for (String line : run.split("\n")) {
            if (!in && line.contains(script)) {
                in = true;
            }
            if (in) {
                command.append(line.strip()).append(' ');
                if (!line.stripTrailing().endsWith("\\")) {
                    break;
                }
            }
        }
        assertTrue(in, "no command calls " + script);
        return command.toString();
    }
}
