//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Turns a final unsuccessful outcome into the one-line, actionable Failure a user sees.
 * Server details are quoted, shortened to one line, and scrubbed of the token should a server ever echo it.
 */
final class ApiErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    private final String host;
    private final String token;
    private final Optional<Instant> tokenExpiry;
    private final Duration timeout;

    ApiErrors(String host, String token, Optional<Instant> tokenExpiry, Duration timeout) {
        this.host = host;
        this.token = token;
        this.tokenExpiry = tokenExpiry;
        this.timeout = timeout;
    }

    /** Thrown before any request when the token's exp claim is already past. */
    Optional<Failure> expiredToken(Instant now) {
        return tokenExpiry.filter(exp -> !exp.isAfter(now)).map(exp -> new Failure(ExitCode.AUTH,
                "token expired on " + Jwt.format(exp) + ": get a new one in Qualytics (Settings > Tokens) and set QUALYTICS_TOKEN"));
    }

    Failure of(ApiRequest request, Attempt attempt, int tries) {
        return attempt.answered() ? answer(request, attempt, tries) : connection(request, attempt, tries);
    }

    Failure nonJson(ApiRequest request, Attempt attempt) {
        String type = attempt.contentType().isBlank() ? "" : ", " + attempt.contentType().split(";")[0].strip();
        return new Failure(ExitCode.API, "unexpected non-JSON answer from " + host + " on GET " + request.endpoint()
                + " (HTTP " + attempt.status() + type + "): is the URL right, or is a proxy in the way?");
    }

    Failure unexpectedShape(ApiRequest request, String expected) {
        return new Failure(ExitCode.API, "unexpected answer from " + host + " on GET " + request.endpoint()
                + ": expected " + expected + " (is this a Qualytics server of a supported version?)");
    }

    /**
     * A write that did not succeed: 403 means the token may read but not write this (the message names the role the
     * call needs, {@link WriteRoles}), 409 is a
     * conflict the server explains, a missing answer says the outcome is unknown.
     */
    Failure ofWrite(String method, ApiRequest request, Attempt attempt, int tries) {
        String call = method + " " + request.endpoint();
        if (!attempt.answered()) {
            return new WriteUncertain("no answer from " + host + " on " + call + " (" + attempt.problem().name().toLowerCase().replace('_', ' ')
                    + ", after " + tries(tries) + "): it may or may not have been applied", attempt.error());
        }
        int status = attempt.status();
        String said = parenthesis(serverSaid(detail(attempt.body())));
        if (status == 401) {
            return answer(request, attempt, tries);
        }
        if (status == 403) {
            return new Failure(ExitCode.AUTH, "permission denied on " + call + said
                    + ": this write needs " + WriteRoles.forPath(request.endpoint()) + "; use a token of a user who has it");
        }
        if (status >= 500) {
            return new WriteUncertain("server error " + status + " on " + call + parenthesis(Optional.of("after " + tries(tries)),
                    serverSaid(detail(attempt.body()))) + ": try again later or check the Qualytics status page", null);
        }
        return new Failure(ExitCode.API, "the server refused " + call + " with HTTP " + status + said);
    }

    /** A redirect to another origin is never followed: the token would go with it. */
    Failure crossOriginRedirect(ApiRequest request, int status, java.net.URI from, java.net.URI to) {
        String target = to.getHost() == null ? "a URL without a host" : ApiUrl.hostOf(to.getScheme() + "://" + to.getRawAuthority());
        return new Failure(ExitCode.API, hostOf(from) + " redirected GET " + request.endpoint() + " (HTTP " + status + ") to "
                + target + " (" + shown(to) + "): not followed, so the token is not sent there;"
                + " if the instance moved, pass its new address with --url");
    }

    Failure tooManyRedirects(ApiRequest request, int max) {
        return new Failure(ExitCode.API, host + " redirected GET " + request.endpoint() + " more than " + max
                + " times: is the URL right, or is a proxy in the way?");
    }

    Failure badRedirect(ApiRequest request, java.net.URI from) {
        return new Failure(ExitCode.API, hostOf(from) + " redirected GET " + request.endpoint()
                + " to an unreadable Location: is the URL right, or is a proxy in the way?");
    }

    private static String hostOf(java.net.URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** scheme://host[:port]/path of a redirect target: no user info, query or fragment, which may hold secrets. */
    private static String shown(java.net.URI to) {
        String scheme = to.getScheme() == null ? "" : to.getScheme() + "://";
        String port = to.getPort() < 0 ? "" : ":" + to.getPort();
        String path = to.getRawPath() == null ? "" : to.getRawPath();
        return scheme + Optional.ofNullable(to.getHost()).orElse("") + port + path;
    }

    private Failure answer(ApiRequest request, Attempt attempt, int tries) {
        int status = attempt.status();
        Optional<String> detail = detail(attempt.body());
        String said = parenthesis(serverSaid(detail));
        if (status == 401) {
            Optional<String> expiry = tokenExpiry.map(exp -> (exp.isAfter(Instant.now()) ? "expires at " : "expired at ") + Jwt.format(exp));
            return new Failure(ExitCode.AUTH, "token rejected or expired" + parenthesis(expiry, serverSaid(detail))
                    + ": get a new token for " + host + " and set QUALYTICS_TOKEN (or use --token-file)");
        }
        if (status == 403) {
            return new Failure(ExitCode.AUTH, "permission denied on GET " + request.endpoint() + said
                    + ": needs the Member role and Reporter on the datastore's team");
        }
        if (detail.isEmpty() && looksLikeMarkup(attempt)) {
            return nonJson(request, attempt);
        }
        if (status == 404) {
            return new NotFound(request.notFoundMessage() + said);
        }
        if (status == 429) {
            Optional<String> wait = Optional.ofNullable(attempt.retryAfter()).filter(after -> !after.isBlank())
                    .map(after -> "it asked to wait " + RetryPolicy.retryAfter(after, Instant.now()).map(ApiErrors::seconds).orElse("'" + oneLine(after) + "'"));
            return new Failure(ExitCode.API, "rate limited by " + host + " on GET " + request.endpoint()
                    + parenthesis(Optional.of("after " + tries(tries)), wait, serverSaid(detail)) + ": try again later");
        }
        if (status >= 500) {
            return new Failure(ExitCode.API, "server error " + status + " on GET " + request.endpoint()
                    + parenthesis(Optional.of("after " + tries(tries)), serverSaid(detail)) + ": try again later or check the Qualytics status page");
        }
        String refused = "request refused with HTTP " + status + " on GET " + request.endpoint() + said
                + ": check the options given (this may be a bug: rerun with --verbose and report it)";
        if (status == 422) {
            java.util.List<String> parameters = refusedQueryParameters(attempt.body(), request);
            if (!parameters.isEmpty()) {
                return new RefusedParameter(parameters, refused);
            }
        }
        return new Failure(ExitCode.API, refused);
    }

    /**
     * The query parameters of the request a 422 names: FastAPI's detail[].loc ["query", name], or, in a detail given as
     * plain text, a parameter's name as a word ("archived must be one of ...").
     */
    static java.util.List<String> refusedQueryParameters(String body, ApiRequest request) {
        JsonNode detail;
        try {
            detail = MAPPER.readTree(body).path("detail");
        } catch (Exception notJson) {
            return java.util.List.of();
        }
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        if (detail.isArray()) {
            for (JsonNode problem : detail) {
                JsonNode loc = problem.path("loc");
                if (loc.size() >= 2 && loc.get(0).asText().equals("query") && request.query().containsKey(loc.get(1).asText())) {
                    named.add(loc.get(1).asText());
                }
            }
        } else if (detail.isTextual()) {
            for (String name : request.query().keySet()) {
                if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b").matcher(detail.asText()).find()) {
                    named.add(name);
                }
            }
        }
        return java.util.List.copyOf(named);
    }

    private Failure connection(ApiRequest request, Attempt attempt, int tries) {
        Exception error = attempt.error();
        return switch (attempt.problem()) {
            case TIMEOUT -> new Failure(ExitCode.API, "no answer from " + host + " within " + seconds(timeout)
                    + " on GET " + request.endpoint() + ": raise --timeout (or QUALYTICS_TIMEOUT)", error);
            case TLS -> new Failure(ExitCode.API, "TLS failure talking to " + host + ": " + rootMessage(error)
                    + " (a self-signed certificate or an intercepting proxy? check the URL and your truststore)", error);
            case UNKNOWN_HOST -> new Failure(ExitCode.API, "unknown host " + host + ": check the spelling of --url", error);
            case REFUSED -> new Failure(ExitCode.API, "cannot connect to " + host + ": is the URL right?", error);
            case INTERRUPTED -> new Failure(ExitCode.API, "interrupted while calling " + host, error);
            case DROPPED -> new Failure(ExitCode.API, "connection to " + host + " dropped on GET " + request.endpoint()
                    + " (after " + tries(tries) + "): try again later", error);
        };
    }

    /** The {"detail": ...} of an error body: a string, or FastAPI's list of {msg}. */
    private Optional<String> detail(String body) {
        try {
            JsonNode detail = MAPPER.readTree(body).path("detail");
            String text;
            if (detail.isTextual()) {
                text = detail.asText();
            } else if (detail.isArray()) {
                text = StreamSupport.stream(detail.spliterator(), false)
                        .map(d -> d.path("msg").isTextual() ? d.path("msg").asText() : d.toString())
                        .collect(Collectors.joining("; "));
            } else if (detail.isMissingNode() || detail.isNull()) {
                return Optional.empty();
            } else {
                text = detail.toString();
            }
            return Optional.of(oneLine(text)).filter(s -> !s.isEmpty());
        } catch (Exception notJson) {
            return Optional.empty();
        }
    }

    private String oneLine(String text) {
        String scrubbed = token.isEmpty() ? text : text.replace(token, "***");
        String flat = scrubbed.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "...";
    }

    private static boolean looksLikeMarkup(Attempt attempt) {
        String body = attempt.body().stripLeading();
        return attempt.contentType().toLowerCase().contains("html") || body.startsWith("<");
    }

    /** The innermost message of the chain: wrappers (unirest's) only repeat it with a class name in front. */
    private String rootMessage(Exception error) {
        String message = error.getClass().getSimpleName();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return oneLine(message);
    }

    private static Optional<String> serverSaid(Optional<String> detail) {
        return detail.map(d -> "server said: " + d);
    }

    /** " (a; b)" of the parts present, or "" when none is. */
    @SafeVarargs
    private static String parenthesis(Optional<String>... parts) {
        java.util.StringJoiner joined = new java.util.StringJoiner("; ", " (", ")").setEmptyValue("");
        for (Optional<String> part : parts) {
            part.ifPresent(joined::add);
        }
        return joined.toString();
    }

    private static String tries(int tries) {
        return tries == 1 ? "1 try" : tries + " tries";
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
