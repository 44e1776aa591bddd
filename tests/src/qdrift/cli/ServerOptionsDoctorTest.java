package qdrift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The doctor command an error proposes names the same instance, and never a secret the URL may carry. */
class ServerOptionsDoctorTest {
    @Test
    void theUrlLosesItsUserInfoAndTheTokenFileIsKept() {
        ServerOptions options = new ServerOptions();
        options.url = " https://bot:s3cret@acme.qualytics.io/api ";
        options.token = "never-shown";
        options.tokenFile = Path.of("/etc/qdrift/token");
        assertEquals(List.of("--url", "https://acme.qualytics.io/api", "--token-file", "/etc/qdrift/token"), options.doctorArguments());
    }

    @Test
    void aPlainUrlStaysAsGivenAndAnUnparsableOneIsLeftOut() {
        ServerOptions options = new ServerOptions();
        options.url = "http://127.0.0.1:8080";
        assertEquals(List.of("--url", "http://127.0.0.1:8080"), options.doctorArguments());
        options.url = "https://a b@host";
        assertEquals(List.of(), options.doctorArguments());
        options.url = null;
        assertEquals(List.of(), options.doctorArguments());
    }

    @Test
    void onlyFailuresTheDoctorDiagnosesGetTheHint() {
        DoctorChecked command = () -> List.of("--url", "https://acme.qualytics.io", "--repo", "/srv/my config");
        assertEquals(" (check the setup: ./jbang doctor.java --url https://acme.qualytics.io --repo '/srv/my config')",
                DoctorHint.suffix(ExitCode.AUTH, command));
        for (ExitCode code : List.of(ExitCode.API, ExitCode.GIT)) {
            assertEquals(DoctorHint.suffix(ExitCode.AUTH, command), DoctorHint.suffix(code, command), code.name());
        }
        for (ExitCode code : List.of(ExitCode.USAGE, ExitCode.IO, ExitCode.INTERNAL, ExitCode.DRIFT)) {
            assertEquals("", DoctorHint.suffix(code, command), code.name());
        }
        assertEquals("", DoctorHint.suffix(ExitCode.AUTH, new Object()));
    }
}
