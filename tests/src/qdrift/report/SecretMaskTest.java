package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void yamlValuesOfSecretKeysAreMaskedButPlaceholdersAndOtherKeysStay() {
        String yaml = """
                name: prod-pg
                password: hunter2
                secret_key: "${PROD_S3_SECRET_KEY}"
                parameters:
                  api_token: 'abc'
                  - private_key: |
                      -----BEGIN KEY-----
                      xyz
                  role: admin
                description: token rotation owner""";
        assertEquals("""
                name: prod-pg
                password: '***'
                secret_key: "${PROD_S3_SECRET_KEY}"
                parameters:
                  api_token: '***'
                  - private_key: |
                      ***
                      ***
                  role: admin
                description: token rotation owner""", SecretMask.maskYaml(yaml));
    }

    @Test
    void jsonValuesAreMaskedByTheKeyThatHoldsThem() {
        assertEquals(Json.of("{host: 'h', password: '***', secrets_manager: {vault: 'v', token: '***'}, tokens: ['***']}"),
                SecretMask.mask(null, Json.of("{host: 'h', password: 'p', secrets_manager: {vault: 'v', token: 't'}, tokens: ['x']}")));
        assertEquals(Json.of("'***'"), SecretMask.maskAt("parameters[\"auth token\"]", Json.of("'t'")));
        assertEquals(Json.of("'${X_PASSWORD}'"), SecretMask.maskAt("password", Json.of("'${X_PASSWORD}'")));
        assertEquals(Json.of("'p'"), SecretMask.maskAt("properties.pattern", Json.of("'p'")));
    }
}
