package qdrift.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import qdrift.testing.ScriptRun;

/** Email through GreenMail, a real SMTP server on loopback. */
class EmailTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    final TestRuntime runtime = new TestRuntime();

    @AfterEach
    void uninstall() {
        NotifyRuntime.uninstall();
    }

    ScriptRun email(Path report, String security) {
        runtime.install();
        return ScriptRun.of("NotifyCommand", "--report", report.toString(), "--email", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(greenMail.getSmtp().getPort()), "--smtp-security", security,
                "--mail-from", "drift@acme.example", "--mail-to", "data-team@acme.example", "--mail-to", "oncall@acme.example");
    }

    @Test
    void theDriftArrivesAsTextAndHtmlWithTheStatusInTheSubject() throws Exception {
        ScriptRun run = email(Reports.write(dir, "drift.json", Reports.drifted()), "none");
        assertEquals(0, run.exitCode(), run::toString);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage message = received[0];
        assertEquals("[qualytics-drift] drift: 3 changes (1 loosening) in prod-warehouse", message.getSubject());
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("- modified checks prod-warehouse / orders / between total_amount [LOOSENING]:"
                + " coverage 1 → 0.9, properties.max 10 → 1000"), text);
        assertTrue(html.contains("<strong>modified checks prod-warehouse / orders / between total_amount [LOOSENING]"), html);
        assertTrue(html.contains("href=\"https://github.com/acme/qualytics-config/pull/7\""), html);
    }

    @Test
    @qdrift.testing.Fault(group = "notify")
    void startTlsIsRequiredByDefaultSoAPlainServerIsRefusedWithANamedFailure() {
        ScriptRun run = email(Reports.write(dir, "drift.json", Reports.drifted()), "starttls");
        assertEquals(7, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: email: 127.0.0.1:"), run::toString);
        assertEquals(0, greenMail.getReceivedMessages().length, "nothing sent in the clear");
    }
}
