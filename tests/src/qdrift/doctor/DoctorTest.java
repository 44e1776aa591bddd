package qdrift.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.sandbox.Sandbox;
import qdrift.sandbox.SandboxOptions;
import qdrift.sandbox.TenantSpec;
import qdrift.testing.ScriptRun;

/** doctor.java as a new user runs it against an instance: one line per check, the fix, and the exit code of the first failure. */
class DoctorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JWT that expires in 2099, as the sandbox's token. */
    static final String TOKEN = jwt(4_070_908_800L);
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(TenantSpec.small(), SandboxOptions.defaults().withToken(TOKEN).withReadOnlyToken("reader-token"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String jwt(long exp) {
        return jwt("drift-bot", exp);
    }

    static String jwt(String subject, long exp) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static ScriptRun doctor(String token, String... extra) {
        List<String> args = new ArrayList<>(List.of("--url", sandbox.url(), "--token", token, "--ascii", "--no-color"));
        args.addAll(List.of(extra));
        return ScriptRun.of("DoctorCommand", args.toArray(String[]::new));
    }

    private static String line(ScriptRun run, String title) {
        return run.out().lines().filter(l -> l.substring(l.indexOf(']') + 2).startsWith(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + title + "\n" + run));
    }

    @Test
    void aHealthyInstanceExitsZeroWithOneLinePerCheck() {
        ScriptRun run = doctor(TOKEN);
        assertEquals(0, run.exitCode(), run::toString);
        for (String title : List.of("URL", "token well formed", "token not expired", "token accepted", "role for drift",
                "role for revert", "API operations")) {
            assertTrue(line(run, title).startsWith("[ok] "), title + " should pass\n" + run);
        }
        assertTrue(line(run, "token accepted").contains("you are Sandbox Owner") && line(run, "token accepted").contains("role Admin"), run::toString);
        assertTrue(line(run, "API operations").contains("all 28 operations"), run::toString);
        assertFalse(run.out().contains("[x]"), run::toString);
        assertTrue(run.out().strip().endsWith("0 failed: ready"), run::toString);
    }

    @Test
    void aRejectedTokenFailsWithExit4NamingTheToken() {
        ScriptRun run = doctor(jwt("someone-else", 4_070_908_800L));
        assertEquals(4, run.exitCode(), run::toString);
        String token = line(run, "token accepted");
        assertTrue(token.startsWith("[x] "), run::toString);
        assertTrue(token.contains("401") || token.contains("rejected"), token);
        assertTrue(token.contains("fix: the token is wrong, revoked or of another instance: create one in Settings > Tokens"), token);
        assertTrue(line(run, "URL").startsWith("[ok] "), "the URL is public: it answers whatever the token\n" + run);
        assertTrue(line(run, "role for drift").startsWith("[-] "), run::toString);
        assertTrue(run.out().strip().endsWith("exit 4 (token accepted)"), run::toString);
    }

    @Test
    void anExpiredTokenFailsWithoutBeingSent() {
        ScriptRun run = doctor(jwt(1_700_000_000L));
        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(line(run, "token not expired").startsWith("[x] ") && line(run, "token not expired").contains("expired on 2023-11-14"), run::toString);
        assertTrue(line(run, "token accepted").startsWith("[-] "), run::toString);
    }

    @Test
    void aServerWithoutAnOperationTheToolSendsFailsNamingIt() {
        sandbox.configureInstance(i -> i.withMissingOperation("GET /api/containers/listing"));
        try {
            ScriptRun run = doctor(TOKEN);
            assertEquals(3, run.exitCode(), run::toString);
            String line = line(run, "API operations");
            assertTrue(line.startsWith("[x] "), run::toString);
            assertTrue(line.contains("GET /api/containers/listing is missing"), line);
            assertTrue(line.contains("used by export, drift"), line);
        } finally {
            sandbox.configureInstance(i -> i.withMissingOperation(null));
        }
    }

    @Test
    void anUnreachableUrlFailsWithExit3AndSkipsWhatNeedsIt() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ScriptRun run = ScriptRun.of("DoctorCommand", "--url", "http://127.0.0.1:" + port, "--token", TOKEN, "--ascii", "--timeout", "2");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(line(run, "URL").startsWith("[x] ") && line(run, "URL").contains("fix: check --url"), run::toString);
        assertTrue(line(run, "API operations").startsWith("[-] "), run::toString);
    }

    @Test
    void aMemberTokenWarnsAboutRevertAndFailsWhenRevertIsMeant() {
        ScriptRun drift = doctor("reader-token");
        assertEquals(0, drift.exitCode(), "drift only reads: a Member may run it\n" + drift);
        assertTrue(line(drift, "role for revert").startsWith("[!] "), drift::toString);

        ScriptRun revert = doctor("reader-token", "--revert");
        assertEquals(4, revert.exitCode(), revert::toString);
        String role = line(revert, "role for revert");
        assertTrue(role.startsWith("[x] "), revert::toString);
        assertTrue(role.contains("Member, team permission Viewer"), role);
        assertTrue(role.contains("connections (needs the Manager or Admin role)"), role);
        assertTrue(role.contains("checks (needs team permission Author or Editor)"), role);
    }

    @Test
    void theRoleAndTeamPermissionDecideEachRevertType() {
        sandbox.configureInstance(i -> i.withUser("Manager", "Author"));
        try {
            ScriptRun run = doctor(TOKEN, "--revert");
            assertEquals(4, run.exitCode(), run::toString);
            String role = line(run, "role for revert");
            assertTrue(role.contains("revert may write connections, checks, enrichment links"), role);
            assertTrue(role.contains("not computed containers and fields (needs team permission Editor), datastore settings"), role);
        } finally {
            sandbox.configureInstance(i -> i.withUser(null, null));
        }
    }

    @Test
    void jsonHasOneObjectPerCheckAndTheExitCode() throws Exception {
        ScriptRun run = doctor("wrong-token", "-o", "json");
        assertEquals(4, run.exitCode(), run::toString);
        JsonNode report = JSON.readTree(run.out());
        assertEquals(Set.of("tool", "host", "ok", "exit_code", "checks"), fieldNames(report));
        assertFalse(report.get("ok").asBoolean());
        assertEquals(4, report.get("exit_code").asInt());
        assertEquals("127.0.0.1:" + sandbox.port(), report.get("host").asText());
        List<String> ids = new ArrayList<>();
        for (JsonNode check : report.get("checks")) {
            ids.add(check.get("id").asText());
            assertTrue(Set.of("pass", "warn", "fail", "skip").contains(check.get("status").asText()), check::toString);
            assertTrue(fieldNames(check).containsAll(Set.of("id", "title", "status", "detail", "fix")), check::toString);
            if (check.get("status").asText().equals("fail")) {
                assertTrue(check.get("fix").isTextual() && check.has("exit_code"), check::toString);
            }
        }
        assertEquals(List.of("url", "token.format", "token.expiry", "token.accepted", "role.read", "role.revert", "openapi", "folder", "notify"), ids);
        JsonNode token = report.get("checks").get(3);
        assertEquals("fail", token.get("status").asText());
        assertEquals(4, token.get("exit_code").asInt());
    }

    @Test
    void theExportFolderAndGitRemoteAreChecked(@TempDir Path temp) throws Exception {
        Path remote = temp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        Path repo = temp.resolve("config");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
        }
        ScriptRun export = ScriptRun.of("ExportCommand", "--url", sandbox.url(), "--token", TOKEN, "--datastore-id",
                String.valueOf(sandbox.state().busiestDatastoreId()), "--folder", repo.resolve("qualytics-config").toString(), "--quiet");
        assertEquals(0, export.exitCode(), export::toString);
        Path gitToken = Files.writeString(temp.resolve("git-token"), "ghp_example\n");

        ScriptRun run = doctor(TOKEN, "--repo", repo.toString(), "--path", "qualytics-config", "--open-pr", "--git-token-file", gitToken.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(line(run, "export folder").startsWith("[ok] ") && line(run, "export folder").contains("format 2"), run::toString);
        assertTrue(line(run, "git repository").startsWith("[ok] "), run::toString);
        assertTrue(line(run, "git remote").startsWith("[ok] "), run::toString);
        assertTrue(line(run, "git push").startsWith("[ok] ") && line(run, "git push").contains("nothing was pushed"), run::toString);

        Path manifest = repo.resolve("qualytics-config/.qualytics-export.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("127.0.0.1:" + sandbox.port(), "acme.qualytics.io"));
        ScriptRun other = doctor(TOKEN, "--repo", repo.toString());
        assertEquals(6, other.exitCode(), other::toString);
        assertTrue(line(other, "export folder").contains("holds the export of acme.qualytics.io, not of 127.0.0.1:" + sandbox.port()), other::toString);

        try (Git git = Git.open(repo.toFile())) {
            git.remoteSetUrl().setRemoteName("origin").setRemoteUri(new URIish(temp.resolve("no-such.git").toUri().toString())).call();
        }
        Files.writeString(manifest, Files.readString(manifest).replace("acme.qualytics.io", "127.0.0.1:" + sandbox.port()));
        ScriptRun unreachable = doctor(TOKEN, "--repo", repo.toString());
        assertEquals(5, unreachable.exitCode(), unreachable::toString);
        assertTrue(line(unreachable, "git remote").startsWith("[x] "), unreachable::toString);
    }

    @Test
    void theMarksFallBackToAsciiWhereTheLocaleCannotShowThem() {
        assertFalse(DoctorReport.canShowMarks(StandardCharsets.US_ASCII));
        assertTrue(DoctorReport.canShowMarks(StandardCharsets.UTF_8));
        DoctorReport report = new DoctorReport("h", List.of(Check.pass("url", "URL", "answers"),
                Check.fail("token.accepted", "token accepted", qdrift.cli.ExitCode.AUTH, "401", "new token")));
        assertTrue(report.text(true).startsWith("✓ URL"), report.text(true));
        assertTrue(report.text(true).contains("✗ token accepted") && report.text(true).contains("→ fix: new token"), report.text(true));
        assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(report.text(false)), report.text(false));
        assertTrue(report.text(false).contains("[x] token accepted") && report.text(false).contains("-> fix: new token"), report.text(false));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
