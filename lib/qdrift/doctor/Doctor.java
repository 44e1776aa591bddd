package qdrift.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import qdrift.api.ApiOperations;
import qdrift.api.ApiToken;
import qdrift.api.ApiUrl;
import qdrift.api.ClientSettings;
import qdrift.api.Jwt;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;

/**
 * The first command a new user runs against an instance: each thing the scripts need, checked in the order a failure
 * would show up, with the fix. Reads only (GET /api/status, /api/users/me, /api/openapi.json, git ls-remote and a push
 * handshake that sends nothing); notify destinations are looked at, never called.
 */
public final class Doctor {
    /** Tokens that expire within this are a warning. */
    private static final Duration SOON = Duration.ofDays(7);
    /** /api/status and /api/openapi.json are public: asked with this instead of a token that cannot be sent. */
    private static final String NO_TOKEN = "qualytics-drift-doctor";

    private final Log log;

    public Doctor(Log log) {
        this.log = log;
    }

    public DoctorReport run(DoctorSettings settings) {
        List<Check> checks = new ArrayList<>();
        String base;
        try {
            base = ApiUrl.normalize(settings.url());
        } catch (Failure failure) {
            checks.add(Check.fail("url", "URL", ExitCode.USAGE, failure.getMessage(), "pass --url https://YOUR-INSTANCE.qualytics.io or set QUALYTICS_URL"));
            checks.addAll(FolderChecks.check(settings, null));
            checks.addAll(NotifyChecks.check(settings.destinations(), settings.env()));
            return new DoctorReport(null, checks);
        }
        String host = ApiUrl.hostOf(base);
        boolean reachable = reachable(settings, base, host, checks);
        String token = token(settings, checks);
        Optional<JsonNode> me = reachable && token != null ? accepted(settings, base, host, token, checks) : Optional.empty();
        if (!reachable || token == null) {
            checks.add(Check.skip("token.accepted", "token accepted", !reachable ? "the URL does not answer" : "no usable token"));
        }
        roles(settings, me, checks);
        openApi(settings, base, host, me.isPresent() ? token : null, reachable, checks);
        checks.addAll(FolderChecks.check(settings, host));
        checks.addAll(NotifyChecks.check(settings.destinations(), settings.env()));
        return new DoctorReport(host, checks);
    }

    /** The token: present, sendable, a JWT whose exp is not past. Null when it cannot be used at all. */
    private static String token(DoctorSettings settings, List<Check> checks) {
        String token;
        try {
            token = ApiToken.requireHeaderSafe(settings.token().get());
        } catch (Failure failure) {
            checks.add(Check.fail("token.format", "token well formed", ExitCode.AUTH, failure.getMessage(),
                    "create an API token in Qualytics (Settings > Tokens) and set QUALYTICS_TOKEN or pass --token-file"));
            checks.add(Check.skip("token.expiry", "token not expired", "no usable token"));
            return null;
        }
        boolean jwt = token.split("\\.").length == 3;
        Optional<Instant> expiry = Jwt.expiry(token);
        checks.add(jwt ? Check.pass("token.format", "token well formed", "a JWT of " + token.length() + " characters")
                : Check.warn("token.format", "token well formed", "not a JWT (" + token.length() + " characters), while Qualytics API tokens are",
                "copy the whole token: three parts separated by dots"));
        if (expiry.isEmpty()) {
            checks.add(Check.pass("token.expiry", "token not expired", jwt ? "it names no expiry" : "no expiry to read"));
            return token;
        }
        Instant exp = expiry.get();
        if (!exp.isAfter(settings.now())) {
            checks.add(Check.fail("token.expiry", "token not expired", ExitCode.AUTH, "it expired on " + Jwt.format(exp),
                    "create a new API token in Qualytics (Settings > Tokens) and set QUALYTICS_TOKEN"));
            return null;
        }
        Duration left = Duration.between(settings.now(), exp);
        checks.add(left.compareTo(SOON) < 0
                ? Check.warn("token.expiry", "token not expired", "it expires on " + Jwt.format(exp) + ", in " + left.toHours() + " h",
                "create a new token before then, or scheduled drift checks will fail with exit 4")
                : Check.pass("token.expiry", "token not expired", "valid until " + Jwt.format(exp) + " (" + left.toDays() + " days)"));
        return token;
    }

    private boolean reachable(DoctorSettings settings, String base, String host, List<Check> checks) {
        long started = System.nanoTime();
        try (QualyticsClient client = client(settings, base, NO_TOKEN)) {
            JsonNode status = client.status();
            long millis = (System.nanoTime() - started) / 1_000_000;
            String database = status.path("database_connection").asText("");
            String queue = status.path("rabbitmq_connection").asText("");
            if (!database.isEmpty() && !database.equalsIgnoreCase("OK") || !queue.isEmpty() && !queue.equalsIgnoreCase("OK")) {
                checks.add(Check.fail("url", "URL", ExitCode.API, host + " answers, but reports database " + database + ", messaging " + queue,
                        "the instance is unhealthy: ask its administrators, or retry later"));
                return false;
            }
            checks.add(Check.pass("url", "URL", base + " answers (/api/status" + (database.isEmpty() ? "" : ": database " + database
                    + ", messaging " + queue) + ", " + millis + " ms)"));
            return true;
        } catch (Failure failure) {
            checks.add(Check.fail("url", "URL", failure.exitCode() == ExitCode.USAGE ? ExitCode.USAGE : ExitCode.API, failure.getMessage(),
                    "check --url (https://YOUR-INSTANCE.qualytics.io), the network, VPN and proxy"));
            return false;
        }
    }

    private Optional<JsonNode> accepted(DoctorSettings settings, String base, String host, String token, List<Check> checks) {
        try (QualyticsClient client = client(settings, base, token)) {
            ObjectNode me = client.currentUser();
            RoleNeeds.User user = RoleNeeds.User.of(me);
            checks.add(Check.pass("token.accepted", "token accepted", "you are " + user.name()
                    + (user.email().isEmpty() ? "" : " <" + user.email() + ">") + ", role " + user.role()));
            return Optional.of(me);
        } catch (Failure failure) {
            checks.add(Check.fail("token.accepted", "token accepted", failure.exitCode() == ExitCode.AUTH ? ExitCode.AUTH : failure.exitCode(),
                    "GET /api/users/me: " + failure.getMessage(),
                    failure.exitCode() == ExitCode.AUTH ? "the token is wrong, revoked or of another instance: create one in"
                            + " Settings > Tokens of " + host : "retry; if it persists, run with --verbose"));
            return Optional.empty();
        }
    }

    private static void roles(DoctorSettings settings, Optional<JsonNode> me, List<Check> checks) {
        if (me.isEmpty()) {
            checks.add(Check.skip("role.read", "role for drift", "the token was not accepted"));
            checks.add(Check.skip("role.revert", "role for revert", "the token was not accepted"));
            return;
        }
        RoleNeeds.User user = RoleNeeds.User.of(me.get());
        String permission = user.teamPermission().map(p -> ", team permission " + p).orElse("");
        if (!user.admin() && user.teams() == 0) {
            checks.add(Check.fail("role.read", "role for drift", ExitCode.AUTH, user.role() + " in no team: the token sees no datastore",
                    "ask an Admin to add " + user.name() + " to a team with at least Reporter on the datastores to check"));
        } else {
            checks.add(Check.pass("role.read", "role for drift", user.role() + permission + ": may read"
                    + (user.admin() ? " every datastore" : " the datastores of " + user.teams() + " team(s)")
                    + (user.teamPermission().filter(p -> p.equals("Reporter")).isPresent() ? " (a Reporter lists an enrichment datastore but cannot view it)" : "")));
        }
        RoleNeeds.Verdict verdict = RoleNeeds.revert(user);
        String detail = user.role() + permission + ": revert may write " + (verdict.allowed().isEmpty() ? "nothing" : String.join(", ", verdict.allowed()))
                + (verdict.refused().isEmpty() ? "" : "; not " + String.join(", ", verdict.refused()))
                + (verdict.unknown().isEmpty() ? "" : "; cannot tell for " + String.join(", ", verdict.unknown())
                + " (the server does not say the team permission)");
        if (verdict.refused().isEmpty() && verdict.unknown().isEmpty()) {
            checks.add(Check.pass("role.revert", "role for revert", detail));
        } else if (!verdict.refused().isEmpty() && settings.forRevert()) {
            checks.add(Check.fail("role.revert", "role for revert", ExitCode.AUTH, detail,
                    "ask an Admin for the role or team permission named, or revert with another user's token"));
        } else {
            checks.add(Check.warn("role.revert", "role for revert", detail, verdict.refused().isEmpty()
                    ? "check the team's permission in Settings > Teams" : "drift only reads: nothing to do unless you revert"));
        }
    }

    private void openApi(DoctorSettings settings, String base, String host, String token, boolean reachable, List<Check> checks) {
        if (!reachable) {
            checks.add(Check.skip("openapi", "API operations", "the URL does not answer"));
            return;
        }
        JsonNode document;
        try (QualyticsClient client = client(settings, base, token == null ? NO_TOKEN : token)) {
            document = client.openApi();
        } catch (Failure failure) {
            checks.add(Check.warn("openapi", "API operations", "cannot read /api/openapi.json: " + failure.getMessage(),
                    "nothing to do: the scripts still run; the operations they need are listed in docs/doctor.md"));
            return;
        }
        OpenApiCompatibility.Result result;
        try {
            result = new OpenApiCompatibility(document).check(ApiOperations.ALL);
        } catch (IllegalArgumentException e) {
            checks.add(Check.warn("openapi", "API operations", host + "/api/openapi.json: " + e.getMessage(), "nothing to do: the scripts still run"));
            return;
        }
        result.notes().forEach(log::info);
        if (result.problems().isEmpty()) {
            checks.add(Check.pass("openapi", "API operations", "all " + result.checked() + " operations the tool sends are in "
                    + host + "'s OpenAPI document, with their query parameters"
                    + (result.notes().isEmpty() ? "" : " (" + result.notes().size() + " through a fallback)")));
            return;
        }
        List<String> problems = result.problems().stream().map(Object::toString).toList();
        String shown = String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more (-o json lists all)" : "");
        checks.add(Check.fail("openapi", "API operations", ExitCode.API, result.problems().size() + " of " + result.checked()
                + " operations do not fit: " + shown, "upgrade the Qualytics instance, or use the qualytics-drift version made for it")
                .withItems(problems));
    }

    private QualyticsClient client(DoctorSettings settings, String base, String token) {
        ClientSettings client = ClientSettings.defaults(log).withConcurrency(1)
                .withRetries(2, Duration.ofSeconds(5), Duration.ofMillis(200));
        return new QualyticsClient(new ServerConfig(base, token, settings.timeout()), client);
    }
}
