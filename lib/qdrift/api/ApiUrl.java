package qdrift.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import qdrift.cli.Failure;

/**
 * The instance URL as users type it ({@code acme.qualytics.io}, {@code https://acme.qualytics.io/api/}) made into the
 * one base every call starts from ({@code https://acme.qualytics.io}); calls then go to {@code <base>/api/<path>}.
 */
public final class ApiUrl {
    private ApiUrl() {
    }

    /** Scheme defaults to https (an explicit http:// is kept); trailing slashes and a trailing /api are dropped. */
    public static String normalize(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw Failure.usage("no Qualytics URL: pass --url or set QUALYTICS_URL");
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw junk(text);
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw junk(raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Failure.usage("unsupported URL scheme '" + scheme + "' in --url: use https:// (or http:// for a local server)");
        }
        if (uri.getRawUserInfo() != null) {
            throw Failure.usage("the Qualytics URL must not contain a user or password: pass the token with QUALYTICS_TOKEN");
        }
        if (uri.getHost() == null || uri.getPort() > 65535 || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw junk(raw);
        }
        String path = stripTrailingSlashes(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (path.toLowerCase(Locale.ROOT).endsWith("/api")) {
            path = stripTrailingSlashes(path.substring(0, path.length() - "/api".length()));
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
    }

    /** host[:port] of a normalized URL, as messages name the server. */
    public static String hostOf(String normalized) {
        URI uri = URI.create(normalized);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String stripTrailingSlashes(String path) {
        String result = path;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static Failure junk(String raw) {
        return Failure.usage("not a Qualytics URL: '" + raw.strip() + "' (expected something like https://acme.qualytics.io)");
    }
}
