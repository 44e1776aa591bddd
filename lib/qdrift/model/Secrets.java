//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps secret values out of exported files: every secret becomes a {@code ${<OWNER_SLUG>_<FIELD>}} placeholder,
 * the convention the official CLI's {@code config import} resolves from the environment
 * ("prod-pg" + password -> {@code ${PROD_PG_PASSWORD}}).
 */
public final class Secrets {
    /** Secret fields of a connection (also inside secrets_manager). */
    static final Set<String> CONNECTION_SECRETS =
            Set.of("password", "passphrase", "secret_key", "access_key", "credentials_payload");

    /** Keys that hold a secret wherever they appear (parameters, additional_metadata, properties, ...). */
    private static final Set<String> SECRET_KEYS = Set.of("password", "passphrase", "secret_key", "access_key",
            "credentials_payload", "token", "api_key", "apikey", "private_key", "private_key_der_b64",
            "private_key_path", "credentials", "auth_token", "access_token", "refresh_token", "secret",
            "client_secret", "sas_token", "session_token", "bearer_token", "connection_string", "pwd");

    /** A key ending in '_' or '-' and one of these is secret too ("db_password", "x-api_key"). */
    private static final List<String> SECRET_SUFFIXES = List.of("password", "passwd", "passphrase", "secret", "token",
            "api_key", "apikey", "private_key", "credentials");

    private Secrets() {
    }

    /**
     * The answers for the keys seen so far: a tenant's resources share a few hundred key names, and every key of every
     * resource is asked about. Bounded: keys past {@value #REMEMBERED_KEYS} distinct names are worked out each time.
     */
    private static final int REMEMBERED_KEYS = 4_096;
    private static final ConcurrentHashMap<String, Boolean> SEEN = new ConcurrentHashMap<>();

    /** True when a key of this name should never carry a real value into a file. */
    public static boolean isSecretKey(String key) {
        Boolean known = SEEN.get(key);
        if (known != null) {
            return known;
        }
        String normal = key.toLowerCase(Locale.ROOT);
        boolean secret = SECRET_KEYS.contains(normal) || hasSecretSuffix(normal);
        if (SEEN.size() < REMEMBERED_KEYS) {
            SEEN.put(key, secret);
        }
        return secret;
    }

    /**
     * Whether the key is one line of anything, then '_' or '-', then a secret suffix: what the former pattern
     * {@code .*[_-](password|...)} matched, without a regex (this runs on every key of every resource).
     */
    private static boolean hasSecretSuffix(String key) {
        for (String suffix : SECRET_SUFFIXES) {
            int separator = key.length() - suffix.length() - 1;
            if (separator >= 0 && key.endsWith(suffix) && (key.charAt(separator) == '_' || key.charAt(separator) == '-')) {
                return key.chars().limit(separator).noneMatch(Secrets::endsLine);
            }
        }
        return false;
    }

    /** The characters a regex "." does not match. */
    private static boolean endsLine(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** {@code ${PROD_PG_PASSWORD}} for owner "prod-pg" and field "password". */
    public static String placeholder(String ownerName, String field) {
        String prefix = Slug.of(ownerName == null ? "" : ownerName).toUpperCase(Locale.ROOT);
        if (prefix.isEmpty() || !Character.isLetter(prefix.charAt(0))) {
            // an env var name must start with a letter: "日本語" or "2024 db" still get a usable, distinct name
            prefix = "QUALYTICS_" + (prefix.isEmpty() ? Slug.shortHash(ownerName == null ? "" : ownerName) : prefix)
                    .toUpperCase(Locale.ROOT);
        }
        String name = field.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return "${" + prefix + "_" + name + "}";
    }

    /**
     * The connection rules: its secret fields become placeholders; a JDBC connection with a username gets a password
     * placeholder even when the API omits it; a DFS connection with an access key gets a secret_key placeholder; a
     * secrets_manager gets a credentials_payload placeholder. {@code raw} is the API response (for the connection type,
     * which the export itself drops).
     */
    static void connection(ObjectNode canonical, JsonNode raw, String connectionName) {
        String connectionType = raw.path("connection_type").asText("").toLowerCase(Locale.ROOT);
        JsonNode secretsManager = canonical.get("secrets_manager");
        boolean managed = secretsManager != null && secretsManager.isObject();
        if (managed) {
            ((ObjectNode) secretsManager).put("credentials_payload", placeholder(connectionName, "credentials_payload"));
        }
        if (!managed && connectionType.equals("jdbc") && hasValue(canonical, "username")) {
            canonical.put("password", placeholder(connectionName, "password"));
        }
        if (!managed && connectionType.equals("dfs") && hasValue(canonical, "access_key")) {
            canonical.put("secret_key", placeholder(connectionName, "secret_key"));
        }
        replaceEverywhere(canonical, connectionName);
    }

    /** Replaces the value of every secret-looking key, at any depth, by a placeholder named after the owner. */
    public static void replaceEverywhere(JsonNode node, String ownerName) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode value = member.getValue();
                if (isSecretKey(member.getKey()) && !isEmpty(value)) {
                    member.setValue(CanonicalValues.nodes().textNode(placeholder(ownerName, member.getKey())));
                } else {
                    replaceEverywhere(value, ownerName);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> replaceEverywhere(element, ownerName));
        }
    }

    private static boolean hasValue(JsonNode object, String field) {
        return !isEmpty(object.get(field));
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isContainerNode() && value.isEmpty()) || (value.isTextual() && value.asText().isEmpty());
    }
}
