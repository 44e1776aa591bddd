package qdrift.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import qdrift.cli.Failure;

/**
 * notify.java --routes FILE: the routes, read and checked whole before anything is sent. Every route has a when (a
 * mapping of conditions that must all hold, or a list of such mappings any one of which may), continue, an optional
 * name and exactly one destination with its settings; secrets are named by environment variable (…_env), never
 * written in the file. Anything unknown or missing exits 2 naming the file and line (format in docs/alerts.md).
 */
public final class RoutesFile {
    static final Set<String> ROUTE_KEYS = Set.of("name", "when", "continue");
    static final Map<String, Set<String>> DESTINATION_KEYS = Map.of(
            "slack", Set.of("webhook_env"),
            "teams", Set.of("webhook_env"),
            "pagerduty", Set.of("routing_key_env", "url"),
            "webhook", Set.of("url_env", "secret_env"),
            "email", Set.of("smtp_host", "smtp_port", "smtp_security", "from", "to", "user_env", "password_env"));

    private final Path file;

    private RoutesFile(Path file) {
        this.file = file;
    }

    public static Routes read(Path file, NotifyRuntime runtime, HttpDelivery http, Duration timeout) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw Failure.usage("cannot read the routes file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        RoutesFile reader = new RoutesFile(file);
        try {
            return reader.routes(LocatedYaml.parse(text), runtime, http, timeout);
        } catch (LocatedYaml.Invalid e) {
            throw reader.refuse(e.line(), e.getMessage());
        }
    }

    private Routes routes(LocatedYaml root, NotifyRuntime runtime, HttpDelivery http, Duration timeout) {
        Map<String, LocatedYaml> top = root.map();
        if (top == null || !top.containsKey("routes")) {
            throw refuse(root.line(), "a routes file is a mapping with one key, routes: a list of routes");
        }
        for (Map.Entry<String, LocatedYaml> e : top.entrySet()) {
            if (!e.getKey().equals("routes")) {
                throw refuse(e.getValue().line(), "unknown key '" + e.getKey() + "': the file has only routes");
            }
        }
        List<LocatedYaml> items = top.get("routes").list();
        if (items == null || items.isEmpty()) {
            throw refuse(top.get("routes").line(), "routes must be a list of at least one route");
        }
        List<Route> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Route route = route(items.get(i), i + 1, runtime, http, timeout);
            if (!names.add(route.name())) {
                throw refuse(items.get(i).line(), "route name '" + route.name() + "' is used twice: names keep each route's state apart");
            }
            routes.add(route);
        }
        return new Routes(routes);
    }

    private Route route(LocatedYaml item, int number, NotifyRuntime runtime, HttpDelivery http, Duration timeout) {
        Map<String, LocatedYaml> keys = item.map();
        if (keys == null) {
            throw refuse(item.line(), "route " + number + " must be a mapping (name, when, continue and one destination)");
        }
        String destinationKey = null;
        for (Map.Entry<String, LocatedYaml> e : keys.entrySet()) {
            if (DESTINATION_KEYS.containsKey(e.getKey())) {
                if (destinationKey != null) {
                    throw refuse(e.getValue().line(), "route " + number + " has two destinations (" + destinationKey + ", "
                            + e.getKey() + "): one destination per route, add another route for the other");
                }
                destinationKey = e.getKey();
            } else if (!ROUTE_KEYS.contains(e.getKey())) {
                throw refuse(e.getValue().line(), "unknown key '" + e.getKey() + "' in route " + number + ": use name, when, continue"
                        + " and one destination of " + String.join(", ", new java.util.TreeSet<>(DESTINATION_KEYS.keySet())));
            }
        }
        if (destinationKey == null) {
            throw refuse(item.line(), "route " + number + " has no destination: add one of "
                    + String.join(", ", new java.util.TreeSet<>(DESTINATION_KEYS.keySet())));
        }
        String name = "route-" + number;
        if (keys.containsKey("name")) {
            LocatedYaml n = keys.get("name");
            if (n.text() == null || !n.text().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                throw refuse(n.line(), "name must be letters, digits, '-', '_' or '.' (at most 64)");
            }
            name = n.text();
        }
        boolean continues = false;
        if (keys.containsKey("continue")) {
            LocatedYaml c = keys.get("continue");
            if (!(c.value() instanceof Boolean b)) {
                throw refuse(c.line(), "continue must be true or false");
            }
            continues = b;
        }
        When when = keys.containsKey("when") ? when(keys.get("when")) : When.everything();
        Destination destination = destination(destinationKey, keys.get(destinationKey), runtime, http, timeout);
        return new Route(name, when, continues, destination.forRoute(name));
    }

    private When when(LocatedYaml when) {
        if (when.map() != null) {
            return new When(List.of(match(when)));
        }
        if (when.list() != null && !when.list().isEmpty()) {
            List<When.Match> any = new ArrayList<>();
            for (LocatedYaml one : when.list()) {
                if (one.map() == null) {
                    throw refuse(one.line(), "each entry of a when list is a mapping of conditions, e.g. {type: connections}");
                }
                any.add(match(one));
            }
            return new When(any);
        }
        throw refuse(when.line(), "when is a mapping of conditions (all must hold) or a list of them (any may hold)");
    }

    private When.Match match(LocatedYaml mapping) {
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        for (Map.Entry<String, LocatedYaml> e : mapping.map().entrySet()) {
            LocatedYaml v = e.getValue();
            List<String> values = new ArrayList<>();
            if (v.text() != null) {
                for (String part : v.text().split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.strip());
                    }
                }
            } else if (v.list() != null) {
                for (LocatedYaml one : v.list()) {
                    if (one.text() == null) {
                        throw refuse(one.line(), e.getKey() + " values are words, e.g. [connections, checks]");
                    }
                    values.add(one.text());
                }
            }
            try {
                When.add(conditions, e.getKey(), values);
            } catch (IllegalArgumentException bad) {
                throw refuse(v.line(), bad.getMessage());
            }
        }
        if (conditions.isEmpty()) {
            throw refuse(mapping.line(), "an empty when selects nothing: leave when out to select everything");
        }
        return new When.Match(conditions);
    }

    private Destination destination(String kind, LocatedYaml settings, NotifyRuntime runtime, HttpDelivery http, Duration timeout) {
        Map<String, LocatedYaml> given = settings.value() == null ? Map.of() : settings.map();
        if (given == null) {
            throw refuse(settings.line(), kind + " settings are a mapping, e.g. {" + DESTINATION_KEYS.get(kind).iterator().next() + ": ...}");
        }
        for (Map.Entry<String, LocatedYaml> e : given.entrySet()) {
            if (!DESTINATION_KEYS.get(kind).contains(e.getKey())) {
                boolean secret = e.getKey().contains("webhook") || e.getKey().contains("key") || e.getKey().contains("password")
                        || e.getKey().contains("secret") || e.getKey().equals("url") && !kind.equals("pagerduty");
                throw refuse(e.getValue().line(), "unknown key '" + e.getKey() + "' for " + kind + ": use "
                        + String.join(", ", new java.util.TreeSet<>(DESTINATION_KEYS.get(kind)))
                        + (secret ? " (secrets are named by environment variable, never written here)" : ""));
            }
            if (e.getValue().text() == null && !(kind.equals("email") && e.getKey().equals("to"))) {
                throw refuse(e.getValue().line(), kind + " " + e.getKey() + " must be a single value");
            }
        }
        return switch (kind) {
            case "slack" -> new SlackDestination(secret(given, "webhook_env", "SLACK_WEBHOOK", settings.line(), kind, runtime), http);
            case "teams" -> new TeamsDestination(secret(given, "webhook_env", "TEAMS_WEBHOOK", settings.line(), kind, runtime), http);
            case "pagerduty" -> new PagerDutyDestination(
                    secret(given, "routing_key_env", "PAGERDUTY_ROUTING_KEY", settings.line(), kind, runtime),
                    new Secret(given.containsKey("url") ? given.get("url").text() : PagerDutyDestination.DEFAULT_ENDPOINT), http);
            case "webhook" -> {
                Secret url = secret(given, "url_env", "WEBHOOK_URL", settings.line(), kind, runtime);
                String signing = runtime.getenv(given.containsKey("secret_env") ? given.get("secret_env").text() : "WEBHOOK_SECRET");
                yield new WebhookDestination(url, signing == null ? null : new Secret(signing), http);
            }
            default -> new EmailDestination(smtp(given, settings.line(), runtime, timeout));
        };
    }

    private Secret secret(Map<String, LocatedYaml> given, String key, String defaultEnv, int line, String kind, NotifyRuntime runtime) {
        String env = given.containsKey(key) ? given.get(key).text() : defaultEnv;
        int at = given.containsKey(key) ? given.get(key).line() : line;
        String value = runtime.getenv(env);
        if (value == null) {
            throw refuse(at, kind + ": no secret: set the environment variable " + env);
        }
        return new Secret(value);
    }

    private SmtpSettings smtp(Map<String, LocatedYaml> given, int line, NotifyRuntime runtime, Duration timeout) {
        for (String needed : List.of("smtp_host", "from", "to")) {
            if (!given.containsKey(needed)) {
                throw refuse(line, "email needs smtp_host, from and to");
            }
        }
        SmtpSettings.Security security = SmtpSettings.Security.STARTTLS;
        if (given.containsKey("smtp_security")) {
            try {
                security = SmtpSettings.Security.valueOf(given.get("smtp_security").text().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw refuse(given.get("smtp_security").line(), "smtp_security is starttls, smtps or none");
            }
        }
        int port = SmtpSettings.defaultPort(security);
        if (given.containsKey("smtp_port")) {
            try {
                port = Integer.parseInt(given.get("smtp_port").text());
            } catch (NumberFormatException e) {
                throw refuse(given.get("smtp_port").line(), "smtp_port is a number");
            }
        }
        LocatedYaml to = given.get("to");
        List<String> recipients = new ArrayList<>();
        if (to.text() != null) {
            recipients.add(to.text());
        } else if (to.list() != null) {
            to.list().forEach(one -> recipients.add(one.text()));
        }
        if (recipients.isEmpty() || recipients.contains(null)) {
            throw refuse(to.line(), "to is an address or a list of addresses");
        }
        String user = given.containsKey("user_env") ? runtime.getenv(given.get("user_env").text()) : runtime.getenv("SMTP_USER");
        String password = given.containsKey("password_env") ? runtime.getenv(given.get("password_env").text()) : runtime.getenv("SMTP_PASSWORD");
        if ((user == null) != (password == null)) {
            throw refuse(line, "email: set both the user and password variables to log in, or neither");
        }
        return new SmtpSettings(given.get("smtp_host").text(), port, security, given.get("from").text(), List.copyOf(recipients),
                user, password == null ? null : new Secret(password), timeout);
    }

    private Failure refuse(int line, String message) {
        return Failure.usage(file + ":" + line + ": " + message);
    }
}
