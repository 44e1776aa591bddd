package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;

/** Secrets never come from Git: a placeholder is sent only when its variable is set, and its value is never in a plan. */
class RevertSecretsTest {
    private static final String SECRET = "s3cr3t-value-never-printed";

    @TempDir
    Path temp;
    RevertRepo fixture;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        fixture.ui("PATCH", "/api/connections/" + fixture.connectionId(), "{\"host\": \"evil.example.com\"}");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private Revert.Outcome revert(Map<String, String> env, boolean apply) {
        ServerConfig server = new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(), Duration.ofSeconds(30));
        try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
            Revert revert = new Revert(client, Log.silent(), env::get);
            RevertPlan plan = revert.plan(new Revert.Settings(fixture.repo, RevertRepo.FOLDER, "HEAD",
                    List.of(fixture.datastoreId), false, Selection.all(), false));
            return apply ? revert.apply(plan) : new Revert.Outcome(plan, ExitCode.DRIFT);
        }
    }

    @Test
    void withoutItsVariableASecretIsLeftAsItIsLive() {
        PlannedResource connection = revert(Map.of(), false).plan().resources().get(0);

        assertFalse(connection.calls().get(0).body().has("password"), "no password key: the live one stays");
        assertTrue(connection.notes().stream().anyMatch(n -> n.contains("left as it is live") && n.contains("_PASSWORD")),
                connection.notes().toString());
    }

    @Test
    void withItsVariableTheSecretIsSentButNeverWrittenIntoThePlan() {
        String variable = revert(Map.of(), false).plan().resources().get(0).notes().get(0).replaceAll(".*set (\\w+) .*", "$1");
        Revert.Outcome applied = revert(Map.of(variable, SECRET), true);

        assertEquals(ExitCode.OK, applied.exit(), PlanText.render(applied.plan()));
        String json = PlanJson.write(applied.plan());
        assertTrue(json.contains("${" + variable + "}"), "the plan holds the placeholder\n" + json);
        assertFalse(json.contains(SECRET), "the secret itself is never in a plan");
        assertFalse(PlanText.render(applied.plan()).contains(SECRET));
        assertTrue(applied.plan().resources().get(0).notes().contains("password is sent from $" + variable));
    }
}
