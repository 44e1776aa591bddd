package qdrift.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import qdrift.report.ReportJson;

/**
 * A generic webhook: POSTs the report exactly as read. With a secret, adds
 * {@code X-Qualytics-Drift-Signature: sha256=<hex HMAC-SHA256 of the body>} so the receiver can check who sent it.
 */
public record WebhookDestination(Secret url, Secret signingSecret, HttpDelivery http) implements Destination {
    public static final String SIGNATURE_HEADER = "X-Qualytics-Drift-Signature";

    @Override
    public String name() {
        return "webhook";
    }

    /** The receiver gets each report exactly as read (and signed as such), one POST per report. */
    @Override
    public Fanout fanout() {
        return Fanout.PER_REPORT;
    }

    @Override
    public ObjectNode preview(Alert alert) {
        ObjectNode preview = Destination.previewOf(name(), url);
        if (signingSecret != null) {
            preview.putObject("headers").put(SIGNATURE_HEADER, signature(signingSecret, alert.json()));
        }
        try {
            preview.set("payload", ReportJson.mapper().readTree(alert.json()));
        } catch (java.io.IOException e) {
            preview.put("payload", alert.json());
        }
        return preview;
    }

    @Override
    public void send(Alert alert) {
        Map<String, String> headers = signingSecret == null ? Map.of() : Map.of(SIGNATURE_HEADER, signature(signingSecret, alert.json()));
        http.post(name(), url, alert.json(), headers);
    }

    /** "sha256=" + lower-case hex of HMAC-SHA256(secret, body as UTF-8). */
    public static String signature(Secret secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
