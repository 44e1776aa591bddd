package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import qdrift.model.ResourceType;
import qdrift.model.Secrets;
import qdrift.model.Slug;

/**
 * Which secret placeholders of a write body may be filled in from the environment, and with what. A placeholder is
 * resolved only when it is the name export writes for that resource and field ({@code ${PROD_PG_PASSWORD}} for
 * connection "prod-pg" and password) or a name the operator allowed ({@code --secret-env NAME}); the tool's own
 * variables (the API token, the git tokens, the notify webhooks and keys) never are. An empty variable counts as unset
 * (a CI system passes "" for a missing secret) unless {@code --allow-empty-secret}. A secret for a connection whose
 * host or URI the same revert changes is sent only with {@code --secret-to-changed-host}, and the plan says so on its
 * own line. Every decision is a note of the plan, naming variables, never values.
 */
public final class SecretPolicy {
    /** Variables of this tool: never a connection's secret, whatever a Git file or --secret-env says. */
    public static final Set<String> TOOL_VARIABLES = Set.of("QUALYTICS_TOKEN", "QUALYTICS_URL", "GIT_TOKEN", "GITHUB_TOKEN",
            "GITLAB_TOKEN", "SLACK_WEBHOOK", "TEAMS_WEBHOOK", "PAGERDUTY_ROUTING_KEY", "WEBHOOK_URL", "WEBHOOK_SECRET",
            "SMTP_PASSWORD", "SMTP_USER");

    /** Keys of a connection that say where it connects: a secret does not follow a change of them silently. */
    static final List<String> ADDRESS_KEYS = List.of("host", "uri", "url", "account", "jdbc_url");

    private final Function<String, String> env;
    private final Set<String> allowed;
    private final boolean emptyIsValue;
    private final boolean toChangedHost;

    public SecretPolicy(Function<String, String> env, Set<String> allowed, boolean emptyIsValue, boolean toChangedHost) {
        this.env = Objects.requireNonNull(env);
        this.allowed = Set.copyOf(allowed);
        this.emptyIsValue = emptyIsValue;
        this.toChangedHost = toChangedHost;
        List<String> tools = allowed.stream().filter(TOOL_VARIABLES::contains).sorted().toList();
        if (!tools.isEmpty()) {
            throw qdrift.cli.Failure.usage("--secret-env " + String.join(", ", tools) + ": this tool's own variables are never"
                    + " sent as a connection's secret");
        }
    }

    /** The defaults: only the names export writes, an empty variable is unset, no secret to a host the revert changes. */
    public static SecretPolicy strict(Function<String, String> env) {
        return new SecretPolicy(env, Set.of(), false, false);
    }

    /** This policy, resolving only the given variables (those a saved plan was approved with). */
    SecretPolicy onlyFor(Set<String> variables) {
        return new SecretPolicy(name -> variables.contains(name) ? env.apply(name) : null, allowed, emptyIsValue, toChangedHost);
    }

    /** The value to send for a variable, or null: unset, empty (unless allowed), or one of the tool's own. */
    String value(String variable) {
        if (TOOL_VARIABLES.contains(variable)) {
            return null;
        }
        String value = env.apply(variable);
        return value == null || (value.isEmpty() && !emptyIsValue) ? null : value;
    }

    /**
     * A secret of a body that is not sent: where ("password", "secrets_manager.credentials_payload"), the note that
     * says why, and what the operator can do about it ("set PROD_PG_PASSWORD").
     */
    record Withheld(String where, String note, String remedy) {
    }

    /**
     * Keeps in {@code body} only the placeholders this policy resolves now; the others are removed (the live secret
     * stays as it is) with a note saying why. {@code after} is Git's canonical form (it names the owner), {@code before}
     * live's (null for a create). Returns the secrets withheld.
     */
    List<Withheld> review(ResourceType type, ObjectNode after, ObjectNode before, ObjectNode body, List<String> notes) {
        String owner = owner(type, after);
        String moved = type == ResourceType.CONNECTIONS ? addressChange(before, after) : null;
        List<Withheld> withheld = new java.util.ArrayList<>();
        review(body, "", owner, moved, notes, withheld);
        return withheld;
    }

    private void review(JsonNode node, String path, String owner, String moved, List<String> notes, List<Withheld> withheld) {
        if (node instanceof ObjectNode object) {
            for (String key : keys(object)) {
                JsonNode value = object.get(key);
                String where = path.isEmpty() ? key : path + "." + key;
                Matcher placeholder = value.isTextual() ? WriteBodies.PLACEHOLDER.matcher(value.asText()) : null;
                if (placeholder != null && placeholder.matches() && Secrets.isSecretKey(key)) {
                    Withheld refusal = refusal(placeholder.group(1), owner, key, where, moved);
                    if (refusal != null) {
                        object.remove(key);
                        notes.add(refusal.note());
                        withheld.add(refusal);
                    } else {
                        notes.add(where + " is sent from $" + placeholder.group(1));
                        if (moved != null) {
                            notes.add("SECRET TO A CHANGED ADDRESS: " + where + " goes to " + moved + " (--secret-to-changed-host)");
                        }
                    }
                } else {
                    review(value, where, owner, moved, notes, withheld);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                review(array.get(i), path + "[" + i + "]", owner, moved, notes, withheld);
            }
        }
    }

    /** Why a placeholder is not sent (the note) and what would send it, or null when it is sent. */
    private Withheld refusal(String variable, String owner, String key, String where, String moved) {
        String expected = expected(owner, key);
        if (TOOL_VARIABLES.contains(variable)) {
            return new Withheld(where, where + " is refused and left as it is live: ${" + variable + "} is this tool's own variable, never a"
                    + " secret of a resource (export names it ${" + expected + "})",
                    "write ${" + expected + "} in the file instead of ${" + variable + "} and set " + expected);
        }
        if (!variable.equals(expected) && !allowed.contains(variable)) {
            return new Withheld(where, where + " is refused and left as it is live: ${" + variable + "} is not the name export writes for it (${"
                    + expected + "}); allow it with --secret-env " + variable, "set " + variable + " and allow it with --secret-env " + variable);
        }
        String raw = env.apply(variable);
        if (raw == null) {
            return new Withheld(where, where + " is left as it is live (set " + variable + " to send it)", "set " + variable);
        }
        if (raw.isEmpty() && !emptyIsValue) {
            return new Withheld(where, where + " is left as it is live (" + variable + " is set but empty, which counts as unset;"
                    + " --allow-empty-secret sends it empty)", "set " + variable + " to a value (it is empty)");
        }
        if (moved != null && !toChangedHost) {
            return new Withheld(where, where + " is left as it is live: this revert changes the connection's address (" + moved
                    + "); --secret-to-changed-host sends $" + variable + " there", "add --secret-to-changed-host");
        }
        return null;
    }

    /** The variable name export writes for this owner and field, without ${}. */
    static String expected(String owner, String key) {
        String placeholder = Secrets.placeholder(owner, key);
        return placeholder.substring(2, placeholder.length() - 1);
    }

    /** The name a resource's placeholders are made from (see Canonicalizer): its name; a check's container and rule. */
    static String owner(ResourceType type, JsonNode after) {
        if (type == ResourceType.CHECKS) {
            return Slug.of(after.path("container").asText("")) + "_" + after.path("rule_type").asText("");
        }
        return after.path("name").asText("");
    }

    /** "host db.prod.example.com -> evil.example" when the revert changes where the connection points, else null. */
    static String addressChange(JsonNode before, JsonNode after) {
        if (before == null) {
            return null;
        }
        for (String key : ADDRESS_KEYS) {
            JsonNode was = before.get(key);
            JsonNode will = after.get(key);
            if (will != null && !will.isNull() && !will.equals(was)) {
                return key + " " + (was == null || was.isNull() ? "(none)" : was.asText()) + " -> " + will.asText();
            }
        }
        return null;
    }

    private static Set<String> keys(ObjectNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
