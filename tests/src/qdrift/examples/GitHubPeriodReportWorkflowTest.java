package qdrift.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.FileSystems;
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
import qdrift.ledger.LedgerFile;
import qdrift.ledger.PeriodReportTest;
import qdrift.testing.Actionlint;
import qdrift.testing.Cron;
import qdrift.testing.ProjectRoot;
import qdrift.testing.ScriptOptions;
import qdrift.testing.ScriptRun;
import qdrift.testing.Shell;

/**
 * examples/github-actions/qualytics-drift-period-report.yml with the hourly qualytics-drift.yml: every shard appends
 * to its own ledger in the cache, the monthly workflow restores each shard's ledger, runs the period report command
 * (run here in-process on a 30-day demo ledger split in shards) and keeps the HTML page as an artifact; it passes
 * actionlint.
 */
class GitHubPeriodReportWorkflowTest {
    private static final Path PERIOD = ProjectRoot.get().resolve("examples/github-actions/qualytics-drift-period-report.yml");
    private static final Path HOURLY = ProjectRoot.get().resolve("examples/github-actions/qualytics-drift.yml");
    private static JsonNode period;
    private static JsonNode hourly;

    @BeforeAll
    static void parse() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        period = yaml.readTree(PERIOD.toFile());
        hourly = yaml.readTree(HOURLY.toFile());
    }

    @Test
    void passesActionlint(@TempDir Path temp) throws IOException {
        assertEquals(List.of(), Actionlint.lint(temp, PERIOD), "actionlint " + Actionlint.VERSION + " found problems");
    }

    @Test
    void runsOnceAMonthAndByHandWithoutSecrets() throws IOException {
        JsonNode schedules = period.path("on").path("schedule");
        assertEquals(1, schedules.size(), schedules.toString());
        String cron = schedules.get(0).path("cron").asText();
        assertTrue(Cron.valid(cron), cron);
        String[] fields = cron.split("\\s+");
        assertEquals(List.of("1", "*", "*"), List.of(fields[2], fields[3], fields[4]), "once a month, on the 1st: " + cron);
        assertTrue(period.path("on").has("workflow_dispatch"));
        assertTrue(!Files.readString(PERIOD).contains("secrets."), "the period report contacts no server and needs no secret");
        assertEquals("read", period.path("permissions").path("contents").asText());
    }

    @Test
    void everyShardKeepsItsLedgerAndThePeriodReportRestoresEachOne() {
        JsonNode drift = hourly.path("jobs").path("drift");
        JsonNode check = step(drift, s -> s.path("run").asText().contains("drift.java"));
        String command = GitHubActionsWorkflowTest.command(check.path("run").asText(), "drift.java");
        assertTrue(command.contains("--ledger \"$HOME/qualytics-drift-ledger/$LEDGER\""), command);
        assertEquals("drift-ledger-${{ matrix.shard }}.jsonl", check.path("env").path("LEDGER").asText());
        JsonNode restore = step(drift, s -> s.path("uses").asText().startsWith("actions/cache/restore@"));
        JsonNode save = step(drift, s -> s.path("uses").asText().startsWith("actions/cache/save@"));
        assertEquals("always()", save.path("if").asText(), "the ledger is saved when drift is found too");
        for (JsonNode cache : List.of(restore, save)) {
            assertEquals("~/qualytics-drift-ledger", cache.path("with").path("path").asText());
            assertEquals("qualytics-drift-ledger-${{ matrix.shard }}-${{ github.run_id }}", cache.path("with").path("key").asText());
        }
        assertEquals("qualytics-drift-ledger-${{ matrix.shard }}-", restore.path("with").path("restore-keys").asText().strip());
        List<Integer> steps = stepIndexes(drift);
        assertTrue(steps.get(0) < steps.get(1) && steps.get(1) < steps.get(2), "restore, check, save in this order");

        JsonNode job = period.path("jobs").path("period-report");
        JsonNode shards = drift.path("strategy").path("matrix").path("shard");
        List<String> restored = new ArrayList<>();
        job.path("steps").forEach(s -> {
            if (s.path("uses").asText().startsWith("actions/cache/restore@")) {
                assertEquals("~/qualytics-drift-ledger", s.path("with").path("path").asText());
                restored.add(s.path("with").path("restore-keys").asText().strip());
            }
        });
        List<String> expected = new ArrayList<>();
        shards.forEach(n -> expected.add("qualytics-drift-ledger-" + n.asInt() + "-"));
        assertEquals(expected, restored, "one restore per shard of qualytics-drift.yml");
        JsonNode write = step(job, s -> s.path("run").asText().contains("drift.java"));
        assertEquals(String.valueOf(shards.size()), write.path("env").path("SHARDS").asText(), "SHARDS is the hourly shard count");
        Matcher glob = Pattern.compile("\"\\$HOME\"/qualytics-drift-ledger/(\\S+\\.jsonl)").matcher(write.path("run").asText());
        assertTrue(glob.find(), write.path("run").asText());
        for (JsonNode n : shards) {
            assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + glob.group(1)).matches(Path.of("drift-ledger-" + n.asInt() + ".jsonl")),
                    "the report reads shard " + n.asInt() + "'s ledger");
        }
        JsonNode upload = step(job, s -> s.path("uses").asText().startsWith("actions/upload-artifact@"));
        assertEquals("period/", upload.path("with").path("path").asText());
        assertEquals("error", upload.path("with").path("if-no-files-found").asText(), "a month without its report fails the run");
    }

    /** The command of the workflow, run on shard ledgers of the 30-day demo, writes the page the artifact keeps. */
    @Test
    void thePeriodCommandWritesTheMonthsPage(@TempDir Path temp) throws IOException {
        JsonNode write = step(period.path("jobs").path("period-report"), s -> s.path("run").asText().contains("drift.java"));
        String command = GitHubActionsWorkflowTest.command(write.path("run").asText(), "drift.java");
        Set<String> known = ScriptOptions.of("DriftCommand");
        Matcher option = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*").matcher(command);
        while (option.find()) {
            assertTrue(known.contains(option.group()), "drift.java has no option " + option.group());
        }
        Path folder = Files.createDirectories(temp.resolve("period"));
        PeriodReportTest.writeLedger(new LedgerFile(folder.resolve("drift-ledger.jsonl")));
        List<String> args = new ArrayList<>();
        for (String word : command.substring(command.indexOf("drift.java") + "drift.java".length()).trim().split("\\s+")) {
            if (word.startsWith(">") || word.equals("|")) {
                break;
            }
            if (!word.equals("\\")) {
                args.add(word.replace("\"", "").replace("$day", "2026-12-05").replace("period/", folder + "/"));
            }
        }
        ScriptRun run = ScriptRun.of("DriftCommand", args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), args + "\n" + run);
        assertTrue(run.out().contains("runs"), "the text summary for the run's log: " + run.out());
        Path page = folder.resolve("drift-period-2026-12-05.html");
        assertTrue(Files.isRegularFile(page), "the page is written into the artifact's folder: " + args);
        String html = Files.readString(page);
        // --since 30d counts back from the real clock, and the demo ledger has fixed dates: the page, not its counts
        assertTrue(html.contains("<title>Drift period report ") && html.contains("<h2 id=\"episodes\">Drift episodes ("), html);
    }

    @Test
    void everyRunBlockIsValidBash(@TempDir Path temp) throws IOException {
        int blocks = 0;
        for (JsonNode step : period.path("jobs").path("period-report").path("steps")) {
            if (step.has("run")) {
                Path script = Files.writeString(temp.resolve("run-" + blocks++ + ".sh"), step.path("run").asText());
                Shell.Result result = Shell.run(temp, Map.of(), List.of("bash", "-n", script.toString()));
                assertEquals(0, result.exitCode(), step.path("name").asText() + ": " + result);
            }
        }
        assertEquals(1, blocks, "one run block");
    }

    private static JsonNode step(JsonNode job, java.util.function.Predicate<JsonNode> which) {
        for (JsonNode step : job.path("steps")) {
            if (which.test(step)) {
                return step;
            }
        }
        throw new AssertionError("no such step in " + job.path("steps"));
    }

    /** The positions of the ledger restore, the drift check and the ledger save in the drift job. */
    private static List<Integer> stepIndexes(JsonNode job) {
        List<Integer> at = new ArrayList<>(List.of(-1, -1, -1));
        for (int i = 0; i < job.path("steps").size(); i++) {
            JsonNode step = job.path("steps").get(i);
            if (step.path("uses").asText().startsWith("actions/cache/restore@")) {
                at.set(0, i);
            } else if (step.path("run").asText().contains("drift.java")) {
                at.set(1, i);
            } else if (step.path("uses").asText().startsWith("actions/cache/save@")) {
                at.set(2, i);
            }
        }
        return at;
    }
}
