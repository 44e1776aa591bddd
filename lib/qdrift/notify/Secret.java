package qdrift.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A credential (webhook URL, routing key, password, HMAC key): its toString never shows the value. */
public record Secret(String value) {
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        value = value.strip();
    }

    /**
     * Replaces the secret wherever it occurs in text, and for a URL also its path, query and longer path segments,
     * since servers echo those back in error bodies (defence in depth for text that came from elsewhere).
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String fragment : fragments()) {
            redacted = redacted.replace(fragment, "***");
        }
        return redacted;
    }

    private List<String> fragments() {
        List<String> fragments = new ArrayList<>(List.of(value));
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null) {
                addIfLong(fragments, uri.getRawPath());
                addIfLong(fragments, uri.getRawQuery());
                if (uri.getRawPath() != null) {
                    for (String segment : uri.getRawPath().split("/")) {
                        addIfLong(fragments, segment);
                    }
                }
            }
        } catch (IllegalArgumentException notAUrl) {
            // a routing key or password: the whole value is the secret
        }
        fragments.sort(Comparator.comparingInt(String::length).reversed());
        return fragments;
    }

    private static void addIfLong(List<String> fragments, String fragment) {
        if (fragment != null && fragment.length() >= 8) {
            fragments.add(fragment);
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
