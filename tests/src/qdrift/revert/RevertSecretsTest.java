package qdrift.revert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.sandbox.Kind;
import qdrift.sandbox.WriteTap;
import qdrift.testing.Fault;
import qdrift.testing.ScriptRun;

/**
 * Secrets go only where they belong: a placeholder is filled in only from the name export writes for that connection
 * and field (or one --secret-env allows), never from the tool's own variables, never from an empty variable, and not
 * to a host the same revert changes without --secret-to-changed-host. The sandbox keeps what reached it, so each test
 * asserts the exact value the server got, and that no placeholder text ever did.
 */
class RevertSecretsTest {
    private static final String SECRET = "s3cr3t-value-never-printed";

    @TempDir
    Path temp;
    RevertRepo fixture;
    long connection;
    /** The variable export names for the connection's password, e.g. PROD_PG_PASSWORD. */
    String variable;

    @BeforeEach
    void committedBaseline() {
        fixture = RevertRepo.create(temp);
        connection = fixture.connectionId();
        variable = SecretPolicy.expected(fixture.state().nameOf(Kind.CONNECTION, connection), "password");
    }

    @AfterEach
    void stopSandbox() {
        fixture.close();
    }

    private WriteTap tap() {
        return fixture.state().writeTap();
    }

    private void uiChanges(String json) {
        fixture.ui("PATCH", "/api/connections/" + connection, json);
    }

    private Revert.Outcome revert(SecretPolicy secrets, boolean apply) {
        ServerConfig server = new ServerConfig(fixture.sandbox.url(), fixture.sandbox.token(), Duration.ofSeconds(30));
        try (QualyticsClient client = new QualyticsClient(server, ClientSettings.defaults(Log.silent()))) {
            Revert revert = new Revert(client, Log.silent(), secrets);
            RevertPlan plan = revert.plan(new Revert.Settings(fixture.repo, RevertRepo.FOLDER, "HEAD",
                    List.of(fixture.datastoreId), false, Selection.all(), false));
            return apply ? revert.apply(plan) : new Revert.Outcome(plan, ExitCode.DRIFT);
        }
    }

    private static SecretPolicy env(Map<String, String> env) {
        return SecretPolicy.strict(env::get);
    }

    private static PlannedResource connectionOf(RevertPlan plan) {
        return plan.resources().stream().filter(r -> r.type().equals("connections")).findFirst()
                .orElseThrow(() -> new AssertionError("the plan has no connection\n" + PlanText.render(plan)));
    }

    /** The committed connection file, edited with {@code edit} and committed. */
    private void commitConnectionFile(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path file;
        try (var files = Files.list(fixture.repo.resolve(RevertRepo.FOLDER).resolve("connections"))) {
            String slug = qdrift.model.Slug.of(fixture.state().nameOf(Kind.CONNECTION, connection));
            file = files.filter(f -> f.getFileName().toString().equals(slug + ".yaml")).findFirst()
                    .orElseThrow(() -> new AssertionError("no connection file " + slug + ".yaml"));
        }
        String before = Files.readString(file);
        String after = edit.apply(before);
        assertFalse(before.equals(after), "the edit changed the file\n" + before);
        Files.writeString(file, after);
        fixture.commitAll("connection file edited");
    }

    private static List<String> unverifiedFields(Revert.Outcome outcome) {
        return outcome.plan().apply().unverified().stream().map(u -> u.substring(u.indexOf(": ") + 2)).toList();
    }

    @Test
    void withoutItsVariableASecretIsLeftAsItIsLive() {
        uiChanges("{\"port\": 1}");

        PlannedResource resource = connectionOf(revert(env(Map.of()), false).plan());

        assertFalse(resource.calls().get(0).body().has("password"), "no password key: the live one stays");
        assertTrue(resource.notes().contains("password is left as it is live (set " + variable + " to send it)"), resource.notes().toString());
    }

    @Test
    void theExactValueOfItsVariableReachesTheServerAndNeverThePlaceholder() {
        uiChanges("{\"port\": 1}");

        Revert.Outcome applied = revert(env(Map.of(variable, SECRET)), true);

        assertEquals(ExitCode.OK, applied.exit(), PlanText.render(applied.plan()));
        assertTrue(tap().secretIs(connection, "password", SECRET), "the server got the variable's value as the password");
        assertFalse(tap().anyPlaceholderReceived(), "no ${...} text reached the server as a secret");
        assertFalse(tap().anyBodyContains("${"), "no write body held ${");
        String json = PlanJson.write(applied.plan());
        assertTrue(json.contains("${" + variable + "}"), "the plan holds the placeholder\n" + json);
        assertFalse(json.contains(SECRET), "the secret itself is never in a plan");
        assertFalse(PlanText.render(applied.plan()).contains(SECRET));
        assertTrue(connectionOf(applied.plan()).notes().contains("password is sent from $" + variable));
    }

    @Test
    @Fault(group = "revert")
    void anEmptyVariableCountsAsUnsetUnlessAllowed() {
        uiChanges("{\"port\": 1}");

        Revert.Outcome applied = revert(env(Map.of(variable, "")), true);

        assertEquals(ExitCode.OK, applied.exit(), PlanText.render(applied.plan()));
        assertFalse(tap().secretReceived(connection, "password"), "an empty variable never blanks the live password");
        assertTrue(connectionOf(applied.plan()).notes().stream().anyMatch(n -> n.contains(variable + " is set but empty")),
                connectionOf(applied.plan()).notes().toString());

        uiChanges("{\"port\": 2}");
        Revert.Outcome allowed = revert(new SecretPolicy(Map.of(variable, "")::get, Set.of(), true, false), true);
        assertEquals(ExitCode.OK, allowed.exit(), PlanText.render(allowed.plan()));
        assertTrue(tap().secretIs(connection, "password", ""), "--allow-empty-secret sends the empty value");
    }

    @Test
    @Fault(group = "revert")
    void aSecretIsNotSentToAHostTheSameRevertChangesWithoutTheFlag() {
        uiChanges("{\"host\": \"evil.example.com\"}");

        Revert.Outcome applied = revert(env(Map.of(variable, SECRET)), true);

        assertEquals(ExitCode.OK, applied.exit(), PlanText.render(applied.plan()));
        assertFalse(tap().secretReceived(connection, "password"));
        assertTrue(connectionOf(applied.plan()).notes().stream().anyMatch(n -> n.contains("changes the connection's address")
                && n.contains("--secret-to-changed-host")), connectionOf(applied.plan()).notes().toString());

        uiChanges("{\"host\": \"evil.example.com\"}");
        Revert.Outcome flagged = revert(new SecretPolicy(Map.of(variable, SECRET)::get, Set.of(), false, true), true);
        assertEquals(ExitCode.OK, flagged.exit(), PlanText.render(flagged.plan()));
        assertTrue(tap().secretIs(connection, "password", SECRET));
        assertTrue(PlanText.render(flagged.plan()).lines().anyMatch(l -> l.strip().startsWith("note: SECRET TO A CHANGED ADDRESS: password")),
                "the plan shows it on its own line\n" + PlanText.render(flagged.plan()));
    }

    @Test
    @Fault(group = "revert")
    void aGitFileNamingTheApiTokenAsAPasswordIsRefusedAndTheTokenReachesNoBody() throws IOException {
        commitConnectionFile(text -> text.replaceAll("(?m)^password: .*$", "password: \\${QUALYTICS_TOKEN}")
                .replaceAll("(?m)^host: .*$", "host: evil.example"));
        String token = fixture.sandbox.token();

        Revert.Outcome applied = revert(new SecretPolicy(Map.of("QUALYTICS_TOKEN", token, variable, SECRET)::get, Set.of(), false, true), true);

        // Git names another placeholder than export writes, so live (read back) still differs there, and says so
        assertEquals(ExitCode.UNVERIFIED, applied.exit(), PlanText.render(applied.plan()));
        assertEquals(List.of("password differ"), unverifiedFields(applied));
        PlannedResource resource = connectionOf(applied.plan());
        assertTrue(resource.notes().stream().anyMatch(n -> n.startsWith("password is refused") && n.contains("QUALYTICS_TOKEN")),
                resource.notes().toString());
        assertFalse(tap().anyBodyContains(token), "the API token is in no request body");
        assertFalse(tap().secretReceived(connection, "password"));

        ScriptRun allowTool = fixture.revert("--secret-env", "QUALYTICS_TOKEN");
        assertEquals(2, allowTool.exitCode(), allowTool.toString());
        assertTrue(allowTool.err().contains("never sent"), allowTool.err());
    }

    @Test
    @Fault(group = "revert")
    void aPlaceholderOfAnotherNameIsSentOnlyWhenSecretEnvAllowsIt() throws IOException {
        commitConnectionFile(text -> text.replaceAll("(?m)^password: .*$", "password: \\${SOME_OTHER_PASSWORD}"));
        Map<String, String> env = Map.of("SOME_OTHER_PASSWORD", SECRET);

        Revert.Outcome strict = revert(env(env), true);
        assertEquals(ExitCode.UNVERIFIED, strict.exit(), "Git's placeholder is not export's: live differs there\n" + PlanText.render(strict.plan()));
        assertEquals(List.of("password differ"), unverifiedFields(strict));
        assertFalse(tap().secretReceived(connection, "password"), "not the name export writes: refused");
        assertTrue(connectionOf(strict.plan()).notes().stream().anyMatch(n -> n.contains("--secret-env SOME_OTHER_PASSWORD")),
                connectionOf(strict.plan()).notes().toString());

        Revert.Outcome allowed = revert(new SecretPolicy(env::get, Set.of("SOME_OTHER_PASSWORD"), false, false), true);
        assertEquals(ExitCode.UNVERIFIED, allowed.exit(), PlanText.render(allowed.plan()));
        assertTrue(tap().secretIs(connection, "password", SECRET));
    }
}
