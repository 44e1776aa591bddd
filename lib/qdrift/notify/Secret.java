package qdrift.notify;

/** A credential (webhook URL, routing key, password, HMAC key): its toString never shows the value. */
public record Secret(String value) {
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        value = value.strip();
    }

    /** Replaces the secret wherever it occurs in text (defence in depth for messages built from other libraries). */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "***";
    }
}
