//DEPS org.eclipse.angus:angus-mail:2.0.3
package qdrift.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Email over SMTP (Angus Mail): one multipart/alternative message with a plain-text and an HTML part. */
public record EmailDestination(SmtpSettings smtp) implements Destination {
    @Override
    public String name() {
        return "email";
    }

    @Override
    public ObjectNode preview(Alert alert) {
        EmailMessage message = EmailMessage.of(alert);
        ObjectNode preview = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("destination", name())
                .put("smtp", smtp.host() + ":" + smtp.port() + " (" + smtp.security().name().toLowerCase() + ")")
                .put("from", smtp.from());
        smtp.to().forEach(preview.putArray("to")::add);
        preview.put("subject", message.subject()).put("text", message.text()).put("html", message.html());
        return preview;
    }

    @Override
    public void send(Alert alert) {
        EmailMessage content = EmailMessage.of(alert);
        Session session = Session.getInstance(properties());
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from(), true));
            for (String to : smtp.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
            // Alternatives go from plainest to richest: clients show the last one they understand.
            message.setContent(new MimeMultipart("alternative", text, html));
            String protocol = smtp.security() == SmtpSettings.Security.SMTPS ? "smtps" : "smtp";
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password() == null ? null : smtp.password().value());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
            if (smtp.password() != null) {
                reason = smtp.password().redact(reason);
            }
            throw new DeliveryFailure(name() + ": " + smtp.host() + ":" + smtp.port() + " refused the message: " + reason, e);
        }
    }

    private Properties properties() {
        String prefix = smtp.security() == SmtpSettings.Security.SMTPS ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(prefix + "host", smtp.host());
        props.put(prefix + "port", String.valueOf(smtp.port()));
        props.put(prefix + "auth", String.valueOf(smtp.user() != null));
        String millis = String.valueOf(smtp.timeout().toMillis());
        props.put(prefix + "connectiontimeout", millis);
        props.put(prefix + "timeout", millis);
        props.put(prefix + "writetimeout", millis);
        if (smtp.security() == SmtpSettings.Security.STARTTLS) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        if (smtp.security() != SmtpSettings.Security.NONE) {
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
