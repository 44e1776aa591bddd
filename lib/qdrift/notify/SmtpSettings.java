package qdrift.notify;

import java.time.Duration;
import java.util.List;

/** Where and how to send mail. user and password come from SMTP_USER / SMTP_PASSWORD; toString hides the password. */
public record SmtpSettings(String host, int port, Security security, String from, List<String> to,
                           String user, Secret password, Duration timeout) {

    /** starttls: plain connection upgraded to TLS, upgrade required (port 587); smtps: TLS from the start (465); none. */
    public enum Security { STARTTLS, SMTPS, NONE }

    public static int defaultPort(Security security) {
        return switch (security) {
            case STARTTLS -> 587;
            case SMTPS -> 465;
            case NONE -> 25;
        };
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + " " + security + " from " + from + " to " + to + "]";
    }
}
