package qdrift.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Secrets.isSecretKey runs on every key of every resource: its suffix rule, written without a regex, is the pattern's. */
class SecretKeyTest {
    /** The rule as a pattern, the reference. */
    private static final Pattern SUFFIX =
            Pattern.compile(".*[_-](password|passwd|passphrase|secret|token|api_key|apikey|private_key|credentials)");
    /** The names secret wherever they appear (Secrets.SECRET_KEYS). */
    private static final java.util.Set<String> EXACT = java.util.Set.of("password", "passphrase", "secret_key", "access_key",
            "credentials_payload", "token", "api_key", "apikey", "private_key", "private_key_der_b64",
            "private_key_path", "credentials", "auth_token", "access_token", "refresh_token", "secret",
            "client_secret", "sas_token", "session_token", "bearer_token", "connection_string", "pwd");
    private static final List<String> PARTS = List.of("password", "passwd", "passphrase", "secret", "token", "api_key",
            "apikey", "private_key", "credentials", "_", "-", "db", "x", "\n", "\r", "\u2028", "key", "PASS", " ");

    @Test
    void theSuffixRuleIsThePatternsOnGeneratedKeys() {
        Random random = new Random(42L);
        int secret = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(5); n >= 0; n--) {
                key.append(PARTS.get(random.nextInt(PARTS.size())));
            }
            String text = key.toString();
            String normal = text.toLowerCase(Locale.ROOT);
            boolean expected = Secrets.isSecretKey(text);

            boolean reference = EXACT.contains(normal) || SUFFIX.matcher(normal).matches();
            assertEquals(reference, expected, () -> "key " + text.replace("\n", "\\n"));
            secret += expected ? 1 : 0;
        }
        assertTrue(secret > 5_000, "the keys reach the rule: " + secret);
        assertTrue(Secrets.isSecretKey("db_password") && Secrets.isSecretKey("X-API_KEY") && Secrets.isSecretKey("token"));
        assertFalse(Secrets.isSecretKey("password_hint") || Secrets.isSecretKey("a\nb_password") || Secrets.isSecretKey("xtoken"));
    }

}
