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
            assertEquals(0, spec.path("jobTemplate").path("spec").path("backoffLimit").asInt(-1), "a failed check is not retried blindly");
            for (JsonNode container : pod.path("containers")) {
                assertEquals(image, container.path("image").asText(), "the image the Containerfile documents");
                assertTrue(env(container).containsKey("CONFIG_REPO"), "the configuration repository to clone");
            }
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
        JsonNode pvc = ofKind("PersistentVolumeClaim").get(0);
        assertEquals(pvc.path("metadata").path("name").asText(), claim);
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
        for (String script : exported.group(1).strip().split(" ")) {
            assertTrue(Files.isRegularFile(ProjectRoot.get().resolve(script + ".java")), script);
        }
        assertTrue(recipe.contains("COPY --chmod=0755 examples/kubernetes/entrypoint.sh /usr/local/bin/qualytics-drift-run"));
        assertTrue(recipe.contains("ENTRYPOINT [\"/usr/local/bin/qualytics-drift-run\"]"));
        assertTrue(recipe.substring(recipe.indexOf(from.get(1))).lines().filter(l -> !l.startsWith("#")).noneMatch(l -> l.contains("jbang")),
                "no JBang, no compiling at run time");
    }

    /** JOB_COMPLETION_INDEX 1 of 3 checks shard 2/3 and writes its report for index 0, which alerts once for all. */
    @Test
    void theEntrypointMapsTheIndexToAShardAndIndexZeroAlertsOnceForAll(@TempDir Path temp) throws IOException {
        Path origin = temp.resolve("config.git");
        assertEquals(0, Shell.git(temp, "init", "--quiet", "--bare", origin.toString()).exitCode());
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path calls = temp.resolve("calls.txt");
        // stand-ins for the image's commands: record the arguments; qd-drift writes the report it is asked for
        standIn(bin.resolve("qd-drift"), """
                echo "qd-drift $*" >>"$CALLS"
                for arg in "$@"; do case $arg in json=*) echo '{}' >"${arg#json=}" ;; esac; done
                exit 1
                """);
        standIn(bin.resolve("qd-notify"), "echo \"qd-notify $*\" >>\"$CALLS\"\n");
        Path reports = temp.resolve("reports");
        Map<String, String> env = new java.util.HashMap<>(Map.of("CONFIG_REPO", origin.toString(), "SHARDS", "3",
                "REPORTS_DIR", reports.toString(), "RUN_ID", "qualytics-drift-sharded-123", "REPORTS_WAIT", "0",
                "CALLS", calls.toString(), "PATH", bin + ":" + System.getenv("PATH")));
        for (int index : new int[] {1, 2, 0}) {
            env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            Shell.Result run = Shell.run(temp, env, List.of("bash", DIR.resolve("entrypoint.sh").toString()));
            assertEquals(1, run.exitCode(), "drift's exit code (1: drift) is the pod's: " + run);
        }
        List<String> lines = Files.readAllLines(calls);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("--all-datastores --shard 2/3 -o text -o json="), lines.get(0));
        assertTrue(lines.get(1).contains("--shard 3/3"), lines.get(1));
        assertTrue(lines.get(2).contains("--shard 1/3"), lines.get(2));
        String run = reports.resolve("qualytics-drift-sharded-123") + "/";
        assertEquals("qd-notify --report " + run + "drift-1.json --report " + run + "drift-2.json --report " + run
                + "drift-3.json --slack --pagerduty", lines.get(3));
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
