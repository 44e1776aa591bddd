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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.Cron;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * examples/kubernetes: the manifests parse and name the image the Containerfile documents, the Secret and a valid
 * schedule; the indexed Job maps JOB_COMPLETION_INDEX to --shard. No container engine nor cluster runs here, so the
 * image is not built: its recipe is checked as text, and its entrypoint runs here with stand-ins for the image's
 * qd-drift / qd-notify commands that record their arguments (the real scripts are tested everywhere else).
 */
class KubernetesExampleTest {
    private static final Path DIR = ProjectRoot.get().resolve("examples/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KINDS = Set.of("batch/v1 CronJob", "batch/v1 Job", "v1 Secret", "v1 PersistentVolumeClaim", "v1 ConfigMap");

    @Test
    void everyManifestIsAKnownKindWithANameAndANamespace() throws IOException {
        List<JsonNode> documents = documents();
        assertTrue(documents.size() >= 4, "documents: " + documents.size());
        for (JsonNode doc : documents) {
            assertTrue(KINDS.contains(doc.path("apiVersion").asText() + " " + doc.path("kind").asText()), doc.toString());
            assertFalse(doc.path("metadata").path("name").asText().isEmpty(), doc.toString());
            assertEquals("qualytics-drift", doc.path("metadata").path("namespace").asText(), doc.toString());
        }
    }

    @Test
    void cronJobsRunTheDocumentedImageOnAValidScheduleOneAtATime() throws IOException {
        String image = documentedImage();
        List<JsonNode> cronJobs = ofKind("CronJob");
        assertEquals(2, cronJobs.size());
        for (JsonNode cronJob : cronJobs) {
            JsonNode spec = cronJob.path("spec");
            assertTrue(Cron.valid(spec.path("schedule").asText()), spec.path("schedule").asText());
            assertEquals("Forbid", spec.path("concurrencyPolicy").asText());
            JsonNode pod = spec.path("jobTemplate").path("spec").path("template").path("spec");
            assertEquals("Never", pod.path("restartPolicy").asText());
            JsonNode job = spec.path("jobTemplate").path("spec");
            if (job.has("completionMode")) {
                assertEquals(0, job.path("backoffLimitPerIndex").asInt(-1), "a failed shard is not retried and stops no other");
                assertFalse(job.has("backoffLimit"), "a Job-wide backoffLimit would stop index 0 when one shard fails");
            } else {
                assertEquals(0, job.path("backoffLimit").asInt(-1), "a failed check is not retried blindly");
            }
            for (JsonNode container : pod.path("containers")) {
                assertEquals(image, container.path("image").asText(), "the image the Containerfile documents");
                assertTrue(env(container).containsKey("CONFIG_REPO"), "the configuration repository to clone");
            }
        }
    }

    /** --only-on-change needs its memory where the next run's pod finds it: a file on a PersistentVolumeClaim. */
    @Test
    void bothCronJobsKeepTheNotifyStateOnAPersistentVolume() throws IOException {
        Set<String> claims = new TreeSet<>();
        ofKind("PersistentVolumeClaim").forEach(pvc -> claims.add(pvc.path("metadata").path("name").asText()));
        for (JsonNode cronJob : ofKind("CronJob")) {
            JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            String stateFile = env(container).get("STATE_FILE").path("value").asText();
            JsonNode mount = mountHolding(container, stateFile);
            JsonNode volume = volume(pod, mount.path("name").asText());
            assertTrue(claims.contains(volume.path("persistentVolumeClaim").path("claimName").asText()),
                    cronJob.path("metadata").path("name").asText() + ": " + stateFile + " is not on a PersistentVolumeClaim");
            if (cronJob.path("metadata").path("name").asText().endsWith("sharded")) {
                assertEquals(env(container).get("REPORTS_DIR").path("value").asText(), Path.of(stateFile).getParent().toString(),
                        "a file right in REPORTS_DIR: the weekly clean-up removes only run folders");
            }
        }
    }

    /** The entrypoint's default --routes file is the ConfigMap of the examples, mounted in both CronJobs. */
    @Test
    void bothCronJobsMountTheAlertRoutesConfigMapWhereTheEntrypointReadsIt() throws IOException {
        Matcher routes = Pattern.compile("NOTIFY_ARGS---routes (\\S+)\\}").matcher(Files.readString(DIR.resolve("entrypoint.sh")));
        assertTrue(routes.find(), "the entrypoint's default notify arguments name a routes file");
        Path file = Path.of(routes.group(1));
        JsonNode configMap = ofKind("ConfigMap").get(0);
        assertEquals("qualytics-drift-alert-routes", configMap.path("metadata").path("name").asText());
        assertTrue(configMap.path("data").has(file.getFileName().toString()), "the ConfigMap holds " + file.getFileName());
        YAML.readTree(configMap.path("data").path(file.getFileName().toString()).asText()).path("routes").forEach(route ->
                assertFalse(route.path("name").asText().isEmpty(), route.toString()));
        for (JsonNode cronJob : ofKind("CronJob")) {
            JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            JsonNode mount = mountHolding(pod.path("containers").get(0), file.toString());
            assertEquals(file.getParent().toString(), mount.path("mountPath").asText());
            assertEquals("qualytics-drift-alert-routes", volume(pod, mount.path("name").asText()).path("configMap").path("name").asText());
        }
    }

    @Test
    void tokensComeFromTheSecretAndNeverAsValues() throws IOException {
        JsonNode secret = ofKind("Secret").get(0);
        String secretName = secret.path("metadata").path("name").asText();
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        int refs = 0;
        for (JsonNode cronJob : ofKind("CronJob")) {
            for (JsonNode container : cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode variable : container.path("env")) {
                    String name = variable.path("name").asText();
                    JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                    if (name.endsWith("TOKEN") || name.endsWith("WEBHOOK") || name.endsWith("ROUTING_KEY")) {
                        assertFalse(variable.has("value"), name + " must not be a plain value");
                        assertEquals(secretName, ref.path("name").asText(), name);
                        assertTrue(keys.contains(ref.path("key").asText()), name + ": the Secret has no key " + ref.path("key"));
                        refs++;
                    }
                }
            }
        }
        assertEquals(8, refs, "QUALYTICS_TOKEN, GIT_TOKEN, SLACK_WEBHOOK, PAGERDUTY_ROUTING_KEY in both CronJobs");
    }

    @Test
    void theShardedJobIsIndexedWithOnePodPerShardAndASharedReportsVolume() throws IOException {
        JsonNode cronJob = ofKind("CronJob").stream().filter(c -> c.path("metadata").path("name").asText().endsWith("sharded"))
                .findFirst().orElseThrow();
        JsonNode job = cronJob.path("spec").path("jobTemplate").path("spec");
        assertEquals("Indexed", job.path("completionMode").asText());
        JsonNode container = job.path("template").path("spec").path("containers").get(0);
        Map<String, JsonNode> env = env(container);
        int shards = Integer.parseInt(env.get("SHARDS").path("value").asText());
        assertEquals(shards, job.path("completions").asInt());
        assertEquals(shards, job.path("parallelism").asInt(), "all shards at once: index 0 waits for the others");
        assertEquals("metadata.labels['batch.kubernetes.io/job-name']",
                env.get("RUN_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText());
        String mounted = container.path("volumeMounts").get(0).path("mountPath").asText();
        assertEquals(env.get("REPORTS_DIR").path("value").asText(), mounted);
        String claim = job.path("template").path("spec").path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText();
        JsonNode pvc = ofKind("PersistentVolumeClaim").stream().filter(p -> p.path("metadata").path("name").asText().equals(claim))
                .findFirst().orElseThrow(() -> new AssertionError("no PersistentVolumeClaim " + claim));
        assertEquals("ReadWriteMany", pvc.path("spec").path("accessModes").get(0).asText());
    }

    @Test
    void theContainerfilePreparesTheScriptsAtBuildTimeAndRunsOnAJre() throws IOException {
        String recipe = Files.readString(DIR.resolve("Containerfile"));
        List<String> from = recipe.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), "a build stage and a run stage: " + from);
        assertTrue(from.get(1).matches("FROM \\S*eclipse-temurin:17-jre\\S*"), "runs on a JRE: " + from.get(1));
        Matcher exported = Pattern.compile("for script in ([a-z -]+); do \\\\\\s+\\./jbang export portable").matcher(recipe);
        assertTrue(exported.find(), "the build stage exports each script with JBang");
        assertTrue(List.of(exported.group(1).strip().split(" ")).containsAll(List.of("export", "drift", "notify", "revert")),
                "the image carries qd-revert too: " + exported.group(1));
        assertTrue(recipe.contains("RUN for script in " + exported.group(1) + "; do"), "a qd-* command for each exported script");
        for (String script : exported.group(1).strip().split(" ")) {
            assertTrue(Files.isRegularFile(ProjectRoot.get().resolve(script + ".java")), script);
        }
        assertTrue(recipe.contains("COPY --chmod=0755 examples/kubernetes/entrypoint.sh /usr/local/bin/qualytics-drift-run"));
        assertTrue(recipe.contains("ENTRYPOINT [\"/usr/local/bin/qualytics-drift-run\"]"));
        assertTrue(recipe.substring(recipe.indexOf(from.get(1))).lines().filter(l -> !l.startsWith("#")).noneMatch(l -> l.contains("jbang")),
                "no JBang, no compiling at run time");
    }

    /**
     * JOB_COMPLETION_INDEX 1 of 3 checks shard 2/3 and writes its report for index 0, which alerts once for all; each
     * shard finds drift (exit 1) and still succeeds, so Kubernetes stops no pod before index 0 alerts.
     */
    @Test
    void theEntrypointMapsTheIndexToAShardAndIndexZeroAlertsOnceForAll(@TempDir Path temp) throws IOException {
        Fixture fixture = new Fixture(temp, 1);
        for (int index : new int[] {1, 2, 0}) {
            Shell.Result run = fixture.shard(index);
            assertEquals(0, run.exitCode(), "drift (1) with its report written is a success of the pod: " + run);
            assertTrue(run.err().contains("drift.java exited 1 (drift): the report is written, the pod succeeds"), run.err());
        }
        List<String> lines = Files.readAllLines(fixture.calls);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("--all-datastores --shard 2/3 -o text -o json="), lines.get(0));
        assertTrue(lines.get(1).contains("--shard 3/3"), lines.get(1));
        assertTrue(lines.get(2).contains("--shard 1/3"), lines.get(2));
        String run = fixture.runDir() + "/";
        assertEquals("qd-notify --report " + run + "drift-1.json --report " + run + "drift-2.json --report " + run
                + "drift-3.json --only-on-change --state-file " + fixture.stateFile
                + " --routes /etc/qualytics-drift/alert-routes.yaml", lines.get(3));
    }

    /** Index 0 starts first (the usual case: all pods at once) and sends its alert only once the other two are done. */
    @Test
    void indexZeroWaitsForTheOtherShardsBeforeItAlerts(@TempDir Path temp) throws Exception {
        Fixture fixture = new Fixture(temp, 1);
        fixture.env.put("REPORTS_WAIT", "120");
        fixture.env.put("REPORTS_POLL", "0.2");
        fixture.env.put("JOB_COMPLETION_INDEX", "0");
        ProcessBuilder builder = new ProcessBuilder("bash", DIR.resolve("entrypoint.sh").toString()).directory(temp.toFile())
                .redirectErrorStream(true).redirectOutput(temp.resolve("index0.log").toFile());
        builder.environment().putAll(fixture.env);
        Process indexZero = builder.start();
        try {
            Thread.sleep(1500);
            assertTrue(indexZero.isAlive(), "index 0 waits for the others' reports");
            assertEquals(1, Files.readAllLines(fixture.calls).size(), "only index 0's own check has run, no alert yet");
            assertEquals(0, fixture.shard(2).exitCode());
            Thread.sleep(500);
            assertTrue(indexZero.isAlive(), "two of three reports: still waiting");
            assertEquals(0, fixture.shard(1).exitCode());
            assertTrue(indexZero.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the third report ends the wait");
            assertEquals(0, indexZero.exitValue(), Files.readString(temp.resolve("index0.log")));
        } finally {
            indexZero.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(fixture.calls);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).startsWith("qd-notify "), "the alert comes last: " + lines);
        assertEquals(3, lines.get(3).split("--report ").length - 1, lines.get(3));
    }

    /** Partial (8) is a result too; a check that fails before any report keeps its code and fails its pod only. */
    @Test
    void partialSucceedsAFailedShardKeepsItsCodeAndIndexZeroAlertsForTheRest(@TempDir Path temp) throws IOException {
        Fixture fixture = new Fixture(temp, 8);
        assertEquals(0, fixture.shard(1).exitCode(), "partial with its report written");
        Fixture failing = new Fixture(temp.resolve("failing"), 3, fixture);
        Shell.Result failed = failing.shard(2);
        assertEquals(3, failed.exitCode(), "an API failure without a report fails the pod: " + failed);
        assertFalse(Files.exists(fixture.runDir().resolve("drift-3.json")));
        Shell.Result alerting = fixture.shard(0);
        assertEquals(0, alerting.exitCode(), alerting::toString);
        assertTrue(alerting.err().contains("only 2 of 3 shard reports arrived: alerting for those"), alerting.err());
        List<String> lines = Files.readAllLines(fixture.calls);
        assertEquals(2, lines.get(lines.size() - 1).split("--report ").length - 1, lines.toString());
    }

    /** Without STATE_FILE the entrypoint says that every run alerts; drift (1) without a report stays a failure. */
    @Test
    void withoutAStateFileEveryRunAlertsAndDriftWithoutAReportFails(@TempDir Path temp) throws IOException {
        Fixture fixture = new Fixture(temp, 1);
        fixture.env.remove("SHARDS");
        fixture.env.remove("STATE_FILE");
        Shell.Result run = fixture.shard(0);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no STATE_FILE: --only-on-change has nowhere to remember, every run alerts"), run.err());
        assertFalse(Files.readAllLines(fixture.calls).get(1).contains("--only-on-change"));

        Fixture silent = new Fixture(temp.resolve("silent"), 1);
        silent.env.remove("SHARDS");
        silent.env.put("WRITE_REPORT", "no");
        assertEquals(1, silent.shard(0).exitCode(), "no report: drift's code is the pod's");
    }

    /** A bare origin repository, stand-ins for the image's qd-drift / qd-notify that record their arguments. */
    private static final class Fixture {
        final Path calls;
        final Path reports;
        final Path stateFile;
        final Map<String, String> env = new java.util.HashMap<>();

        Fixture(Path temp, int driftCode) throws IOException {
            this(temp, driftCode, null);
        }

        /** With shared: the same origin, reports folder and call log as that fixture, another drift exit code. */
        Fixture(Path temp, int driftCode, Fixture shared) throws IOException {
            Files.createDirectories(temp);
            Path origin = shared == null ? temp.resolve("config.git") : Path.of(shared.env.get("CONFIG_REPO"));
            if (shared == null) {
                assertEquals(0, Shell.git(temp, "init", "--quiet", "--bare", origin.toString()).exitCode());
            }
            Path bin = Files.createDirectories(temp.resolve("bin"));
            calls = shared == null ? temp.resolve("calls.txt") : shared.calls;
            reports = shared == null ? temp.resolve("reports") : shared.reports;
            stateFile = reports.resolve("notify-state.json");
            // qd-drift writes the report it is asked for (unless WRITE_REPORT=no or it "fails" with 3), exits driftCode
            standIn(bin.resolve("qd-drift"), """
                    echo "qd-drift $*" >>"$CALLS"
                    if [ "${WRITE_REPORT:-yes}" = yes ] && [ %d -ne 3 ]; then
                      for arg in "$@"; do case $arg in json=*) echo '{}' >"${arg#json=}" ;; esac; done
                    fi
                    exit %d
                    """.formatted(driftCode, driftCode));
            standIn(bin.resolve("qd-notify"), "echo \"qd-notify $*\" >>\"$CALLS\"\n");
            env.putAll(Map.of("CONFIG_REPO", origin.toString(), "SHARDS", "3", "REPORTS_DIR", reports.toString(),
                    "RUN_ID", "qualytics-drift-sharded-123", "REPORTS_WAIT", "0", "STATE_FILE", stateFile.toString(),
                    "CALLS", calls.toString(), "PATH", bin + ":" + System.getenv("PATH")));
        }

        Path runDir() {
            return reports.resolve("qualytics-drift-sharded-123");
        }

        Shell.Result shard(int index) {
            Map<String, String> run = new java.util.HashMap<>(env);
            run.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            return Shell.run(reports.getParent(), run, List.of("bash", DIR.resolve("entrypoint.sh").toString()));
        }
    }

    @Test
    void theEntrypointIsValidBash() {
        Shell.Result result = Shell.run(DIR, Map.of(), List.of("bash", "-n", "entrypoint.sh"));
        assertEquals(0, result.exitCode(), result::toString);
    }

    private static void standIn(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static JsonNode mountHolding(JsonNode container, String file) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (Path.of(file).startsWith(mount.path("mountPath").asText())) {
                return mount;
            }
        }
        throw new AssertionError(file + " is on no volume mount of " + container.path("name").asText());
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String documentedImage() throws IOException {
        Matcher tag = Pattern.compile("build -f examples/kubernetes/Containerfile -t (\\S+) \\.").matcher(Files.readString(DIR.resolve("Containerfile")));
        assertTrue(tag.find(), "the Containerfile documents its image tag");
        return tag.group(1);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new java.util.HashMap<>();
        container.path("env").forEach(v -> env.put(v.path("name").asText(), v));
        return env;
    }

    private static List<JsonNode> ofKind(String kind) throws IOException {
        return documents().stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    values.forEachRemaining(doc -> {
                        if (!doc.isNull() && !doc.isEmpty()) {
                            documents.add(doc);
                        }
                    });
                }
            }
        }
        return documents;
    }
}
