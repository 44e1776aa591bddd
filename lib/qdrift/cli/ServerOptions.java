package qdrift.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach one Qualytics instance: shared by every script that reads the API (mixed in with @Mixin). */
public class ServerOptions {
    /** Seconds per request, the one default of every --timeout (the Qualytics API, compare-envs' sides, notify's destinations). */
    public static final String DEFAULT_TIMEOUT = "30";

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:QUALYTICS_URL}",
            description = "Qualytics instance URL, e.g. https://acme.qualytics.io (env QUALYTICS_URL).")
    public String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:QUALYTICS_TOKEN}", showDefaultValue = Visibility.NEVER,
            description = "API token (env QUALYTICS_TOKEN). Prefer the env var or --token-file: flags show in `ps`.")
    public String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the API token from FILE (first line).")
    public Path tokenFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:QUALYTICS_TIMEOUT:-" + DEFAULT_TIMEOUT + "}",
            description = "Deadline per request in seconds, whole answer included; drift.java also gives a silent git remote this long (env QUALYTICS_TIMEOUT, default ${DEFAULT-VALUE}).")
    public String timeoutSeconds;

    @Mixin
    public RateOptions rate = new RateOptions();

    /** --max-rps as a number (see {@link RateOptions#maxRps()}). */
    public double maxRps() {
        return rate.maxRps();
    }

    /** The URL, token and timeout, validated; throws a usage failure naming the missing piece. */
    public ServerConfig resolve() {
        if (url == null || url.isBlank()) {
            throw Failure.usage("no Qualytics URL: pass --url or set QUALYTICS_URL");
        }
        return new ServerConfig(url.trim(), resolveToken(), timeout());
    }

    public String resolveToken() {
        if (tokenFile != null) {
            return readTokenFile(tokenFile);
        }
        if (token == null || token.isBlank()) {
            throw new Failure(ExitCode.AUTH, "no API token: set QUALYTICS_TOKEN or pass --token-file");
        }
        return token.trim();
    }

    /** The first line of a token file (--token-file, compare-envs' --left-token-file); an empty one is an auth failure. */
    public static String readTokenFile(Path tokenFile) {
        try {
            String first = Files.readString(tokenFile).lines().findFirst().orElse("").trim();
            if (first.isEmpty()) {
                throw new Failure(ExitCode.AUTH, "token file " + tokenFile + " is empty: write the API token on its first line");
            }
            return first;
        } catch (IOException e) {
            throw Failure.io("cannot read token file " + tokenFile + ": " + e.getMessage(), e);
        }
    }

    public Duration timeout() {
        try {
            double seconds = Double.parseDouble(timeoutSeconds.trim());
            if (seconds <= 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException | NullPointerException e) {
            throw Failure.usage("--timeout (or QUALYTICS_TIMEOUT) must be a positive number of seconds, not '" + timeoutSeconds + "'");
        }
    }

    /** doctor.java's arguments for the same instance: the URL (without any user:password part) and the token file. */
    public List<String> doctorArguments() {
        List<String> words = new ArrayList<>();
        String shown = url == null || url.isBlank() ? null : withoutUserInfo(url.trim());
        if (shown != null) {
            words.addAll(List.of("--url", shown));
        }
        if (tokenFile != null) {
            words.addAll(List.of("--token-file", tokenFile.toString()));
        }
        return words;
    }

    /** An error line must never carry a secret, and a URL may hold one; null when the URL does not parse. */
    static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
