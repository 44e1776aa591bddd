package qdrift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

class ApiUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://acme.qualytics.io,          https://acme.qualytics.io",
            "https://acme.qualytics.io/,         https://acme.qualytics.io",
            "https://acme.qualytics.io/api,      https://acme.qualytics.io",
            "https://acme.qualytics.io/api/,     https://acme.qualytics.io",
            "https://acme.qualytics.io/API//,    https://acme.qualytics.io",
            "acme.qualytics.io,                  https://acme.qualytics.io",
            "acme.qualytics.io/api,              https://acme.qualytics.io",
            "'  ACME.Qualytics.io/  ',           https://acme.qualytics.io",
            "http://localhost:8080,              http://localhost:8080",
            "http://127.0.0.1:8080/api/,         http://127.0.0.1:8080",
            "localhost:8080,                     https://localhost:8080",
            "HTTPS://acme.qualytics.io:8443/api, https://acme.qualytics.io:8443",
            "https://gateway.acme.com/qualytics/api, https://gateway.acme.com/qualytics",
    })
    void instanceUrlsAreNormalizedToOneBase(String given, String expected) {
        assertEquals(expected, ApiUrl.normalize(given));
    }

    @ParameterizedTest(name = "junk: ''{0}''")
    @ValueSource(strings = {"", "   ", "https://", "ftp://acme.qualytics.io", "https://acme qualytics.io",
            "https://acme.qualytics.io/api?x=1", "https://user:secret@acme.qualytics.io", "https://acme.qualytics.io:99999",
            "://acme"})
    @qdrift.testing.Fault(group = "input")
    void junkIsAUsageErrorThatSaysWhatWasExpected(String given) {
        Failure failure = TestApi.failureOf(() -> ApiUrl.normalize(given));
        assertEquals(ExitCode.USAGE, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().contains("URL"), "message should be about the URL: " + failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"), "a password in the URL must not be echoed: " + failure.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"https://acme.qualytics.io, acme.qualytics.io", "http://127.0.0.1:8080, 127.0.0.1:8080"})
    void hostNamesTheServerForMessages(String url, String host) {
        assertEquals(host, ApiUrl.hostOf(url));
    }
}
