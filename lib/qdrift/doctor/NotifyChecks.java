package qdrift.doctor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import qdrift.cli.ExitCode;

/**
 * notify.java's settings, present and well formed, read from the same environment variables; nothing is sent. A
 * destination is checked when named (--notify slack,teams,...) or when its variable is set. Values are never shown:
 * a URL is named by its host only.
 */
final class NotifyChecks {
    private static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("slack", "SLACK_WEBHOOK");
        VARIABLES.put("teams", "TEAMS_WEBHOOK");
        VARIABLES.put("pagerduty", "PAGERDUTY_ROUTING_KEY");
        VARIABLES.put("webhook", "WEBHOOK_URL");
        VARIABLES.put("email", "SMTP_USER");
    }

    private NotifyChecks() {
    }

    static List<Check> check(List<String> named, Function<String, String> env) {
        List<String> wanted = new ArrayList<>();
        for (String name : named) {
            String destination = name.strip().toLowerCase(Locale.ROOT);
            if (!VARIABLES.containsKey(destination)) {
                return List.of(Check.fail("notify", "notify", ExitCode.USAGE, "unknown destination '" + name + "'",
                        "name one or more of " + String.join(", ", VARIABLES.keySet())));
            }
            wanted.add(destination);
        }
        if (wanted.isEmpty()) {
            VARIABLES.forEach((destination, variable) -> {
                if (present(env.apply(variable)) || destination.equals("email") && present(env.apply("SMTP_PASSWORD"))) {
                    wanted.add(destination);
                }
            });
        }
        if (wanted.isEmpty()) {
            return List.of(Check.skip("notify", "notify", "no destination set (SLACK_WEBHOOK, TEAMS_WEBHOOK, PAGERDUTY_ROUTING_KEY,"
                    + " WEBHOOK_URL, SMTP_USER); pass --notify slack,... to require one"));
        }
        List<Check> checks = new ArrayList<>();
        for (String destination : wanted) {
            checks.add(check(destination, env));
        }
        return checks;
    }

    private static Check check(String destination, Function<String, String> env) {
        String id = "notify." + destination;
        String title = "notify " + destination;
        String variable = VARIABLES.get(destination);
        String value = env.apply(variable);
        switch (destination) {
            case "pagerduty" -> {
                if (!present(value)) {
                    return missing(id, title, variable);
                }
                String key = value.strip();
                return key.matches("[A-Za-z0-9]{32}") ? Check.pass(id, title, variable + " is set (32 characters, as a routing key has)")
                        : Check.fail(id, title, ExitCode.NOTIFY, variable + " is not a routing key (" + key.length()
                                + " characters; an Events API v2 routing key has 32 letters and digits)",
                        "copy the integration key of the service's Events API v2 integration into " + variable);
            }
            case "email" -> {
                boolean user = present(value);
                boolean password = present(env.apply("SMTP_PASSWORD"));
                return user == password ? Check.pass(id, title, user ? "SMTP_USER and SMTP_PASSWORD are set" : "no SMTP login (a relay that needs none)")
                        : Check.fail(id, title, ExitCode.NOTIFY, (user ? "SMTP_USER" : "SMTP_PASSWORD") + " is set without "
                                + (user ? "SMTP_PASSWORD" : "SMTP_USER"), "set both SMTP_USER and SMTP_PASSWORD, or neither");
            }
            default -> {
                if (!present(value)) {
                    return missing(id, title, variable);
                }
                return url(id, title, variable, value.strip(), destination);
            }
        }
    }

    private static Check url(String id, String title, String variable, String value, String destination) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            return Check.fail(id, title, ExitCode.NOTIFY, variable + " is not a URL", "copy the whole webhook URL into " + variable);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && destination.equals("webhook"))) {
            return Check.fail(id, title, ExitCode.NOTIFY, variable + " is not an https URL",
                    "copy the whole webhook URL (https://...) into " + variable);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (destination.equals("slack") && !host.equals("hooks.slack.com")) {
            return Check.warn(id, title, variable + " points at " + host + ", not hooks.slack.com",
                    "check that it is a Slack incoming webhook (Slack app > Incoming Webhooks)");
        }
        return Check.pass(id, title, variable + " is set (" + scheme + "://" + host + "/...)");
    }

    private static Check missing(String id, String title, String variable) {
        return Check.fail(id, title, ExitCode.NOTIFY, variable + " is not set", "export " + variable + "=... where notify.java runs");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
