package qdrift.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import qdrift.testing.ProjectRoot;

/**
 * examples/gitlab/.gitlab-ci.yml, checked for its structure (no GitLab runs here): a schedule pipeline whose drift job
 * runs N shards at once and lets drift (1) and partial (8) through, and one notify job that needs their reports and
 * always runs; every option its command lines pass exists in the script it calls.
 */
class GitLabCiExampleTest {
    static JsonNode ci;

    @BeforeAll
    static void parse() throws Exception {
        Path file = ProjectRoot.get().resolve("examples/gitlab/.gitlab-ci.yml");
        ci = new YAMLMapper().readTree(Files.readString(file));
        assertNotNull(ci, "the example parses as YAML");
    }

    static String script(String job) {
        List<String> lines = new ArrayList<>();
        ci.path(job).path("script").forEach(line -> lines.add(line.asText()));
        return String.join("\n", lines);
    }

    @Test
    void stagesAndJobs() {
        assertEquals(List.of("drift", "notify", "report"), list(ci.path("stages")));
        assertEquals("drift", ci.path("drift").path("stage").asText());
        assertEquals("notify", ci.path("notify").path("stage").asText());
        assertEquals("report", ci.path("period-report").path("stage").asText());
        assertTrue(ci.path("default").path("image").asText().contains("17"), "a Java 17 image");
    }

    @Test
    void theDriftJobRunsShardsOnAScheduleAndLetsDriftAndPartialThrough() {
        JsonNode drift = ci.path("drift");
        assertTrue(drift.path("parallel").asInt() >= 2, "a parallel job: one shard per node");
        assertTrue(drift.path("rules").toString().contains("$CI_PIPELINE_SOURCE == \\\"schedule\\\""), drift.path("rules").toString());
        assertEquals(List.of("1", "8"), list(drift.path("allow_failure").path("exit_codes")));
        String script = script("drift");
        assertTrue(script.contains("--shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\""), script);
        assertTrue(script.contains("--all-datastores") && script.contains("--open-pr") && script.contains("--forge gitlab"), script);
        assertEquals("always", drift.path("artifacts").path("when").asText(), "reports are kept when the job 'fails' with drift");
        String report = jsonOutput(script).replace("$CI_NODE_INDEX", "2");
        PathMatcher glob = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + list(drift.path("artifacts").path("paths")).get(0));
        assertTrue(glob.matches(Path.of(report)), report + " is in the artifacts");
    }

    @Test
    void oneNotifyJobNeedsTheShardsReportsAndAlwaysRuns() {
        JsonNode notify = ci.path("notify");
        JsonNode needs = notify.path("needs").get(0);
        assertEquals("drift", needs.path("job").asText());
        assertTrue(needs.path("artifacts").asBoolean());
        notify.path("rules").forEach(rule -> assertEquals("always", rule.path("when").asText(), rule.toString()));
        String script = script("notify");
        Matcher report = Pattern.compile("--report '([^']+)'").matcher(script);
        assertTrue(report.find(), script);
        String shardReport = jsonOutput(script("drift")).replace("$CI_NODE_INDEX", "3");
        assertTrue(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + report.group(1)).matches(Path.of(shardReport)),
                "notify reads every shard's report");
    }

    @Test
    void everyOptionTheExampleUsesExistsInTheScript() throws Exception {
        assertOptionsExist("DriftCommand", script("drift"));
        assertOptionsExist("NotifyCommand", script("notify"));
        assertOptionsExist("DriftCommand", script("period-report"));
    }

    /**
     * Each shard keeps its own ledger in a cache of its own, saved after drift too; the monthly pipeline (its own
     * schedule, QD_PERIOD_REPORT=monthly) runs only the period-report job, which pulls every shard's ledger and keeps
     * the page as an artifact.
     */
    @Test
    void everyShardKeepsItsLedgerAndTheMonthlyJobReportsOnAllOfThem() {
        JsonNode drift = ci.path("drift");
        String script = script("drift");
        assertTrue(script.contains("--ledger \"$CI_PROJECT_DIR/.drift-ledger/drift-ledger-$CI_NODE_INDEX.jsonl\""), script);
        JsonNode ledgerCache = null;
        for (JsonNode cache : drift.path("cache")) {
            if (list(cache.path("paths")).contains(".drift-ledger/")) {
                ledgerCache = cache;
            }
        }
        assertNotNull(ledgerCache, "the drift job caches its ledger: " + drift.path("cache"));
        assertEquals("qualytics-drift-ledger-$CI_NODE_INDEX", ledgerCache.path("key").asText(), "one cache per shard");
        assertEquals("always", ledgerCache.path("when").asText(), "a job that found drift (exit 1) saves its ledger too");

        JsonNode period = ci.path("period-report");
        List<String> keys = new ArrayList<>();
        period.path("cache").forEach(cache -> {
            if (list(cache.path("paths")).contains(".drift-ledger/")) {
                assertEquals("pull", cache.path("policy").asText(), "the report only reads the ledgers");
                keys.add(cache.path("key").asText());
            }
        });
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= drift.path("parallel").asInt(); i++) {
            expected.add("qualytics-drift-ledger-" + i);
        }
        assertEquals(expected, keys, "one ledger cache per shard of the drift job");
        assertTrue(period.path("cache").size() <= 4, "GitLab takes at most 4 caches per job");
        String rules = period.path("rules").toString();
        assertTrue(rules.contains("$QD_PERIOD_REPORT == \\\"monthly\\\""), rules);
        for (String job : List.of("drift", "notify")) {
            ci.path(job).path("rules").forEach(rule -> {
                String condition = rule.path("if").asText();
                assertTrue(!condition.contains("schedule") || condition.contains("$QD_PERIOD_REPORT != \"monthly\""),
                        job + " does not run in the monthly pipeline: " + condition);
            });
        }
        String report = script("period-report");
        assertTrue(report.contains("--ledger period/drift-ledger.jsonl --summary --since 30d"), report);
        assertTrue(report.contains("cat .drift-ledger/drift-ledger-*.jsonl >period/drift-ledger.jsonl"), report);
        Matcher html = Pattern.compile("\"html=(period/[^\"]+)\"").matcher(report);
        assertTrue(html.find() && report.contains("-o text"), "the page and the text summary for the job log: " + report);
        assertEquals(List.of("period/"), list(period.path("artifacts").path("paths")), "the page is kept as an artifact");
        assertTrue(html.group(1).startsWith(list(period.path("artifacts").path("paths")).get(0)));
    }

    static void assertOptionsExist(String commandClass, String script) throws Exception {
        var constructor = Class.forName(commandClass).getDeclaredConstructor();
        constructor.setAccessible(true);
        CommandLine.Model.CommandSpec spec = new CommandLine(constructor.newInstance()).getCommandSpec();
        Matcher option = Pattern.compile("(?<=\\s)(--[a-z][a-z-]*)").matcher(script);
        int seen = 0;
        while (option.find()) {
            assertNotNull(spec.findOption(option.group(1)), commandClass + " has no option " + option.group(1));
            seen++;
        }
        assertTrue(seen >= 3, "options found in " + script);
    }

    static String jsonOutput(String script) {
        Matcher json = Pattern.compile("\"json=([^\"]+)\"").matcher(script);
        assertTrue(json.find(), script);
        return json.group(1);
    }

    static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** `ls examples/gitlab` shows a README (the pipeline file is a dot file) that names the file, its stages and variables. */
    @Test
    void theFolderHasAReadmeNamingThePipelineItsStagesAndItsVariables() throws java.io.IOException {
        java.nio.file.Path dir = qdrift.testing.ProjectRoot.get().resolve("examples/gitlab");
        String readme = java.nio.file.Files.readString(dir.resolve("README.md"));
        String pipeline = java.nio.file.Files.readString(dir.resolve(".gitlab-ci.yml"));
        org.junit.jupiter.api.Assertions.assertTrue(readme.contains("[`.gitlab-ci.yml`](.gitlab-ci.yml)"), readme);
        for (String word : java.util.List.of("QUALYTICS_URL", "QUALYTICS_TOKEN", "GITLAB_TOKEN", "SLACK_WEBHOOK",
                "PAGERDUTY_ROUTING_KEY", "QD_REPO_URL", "--only-on-change", "--forge gitlab")) {
            org.junit.jupiter.api.Assertions.assertTrue(readme.contains(word) && pipeline.contains(word), word);
        }
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.isRegularFile(
                qdrift.testing.ProjectRoot.get().resolve("docs/drift-check.md")), "the link target exists");
    }
}
