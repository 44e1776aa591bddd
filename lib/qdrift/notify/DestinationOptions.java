package qdrift.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerOptions;

/**
 * Where notify.java sends (mixed into NotifyCommand). Secrets are read only from environment variables or files,
 * never from flags, so they stay out of `ps`, shell history and --help.
 */
public class DestinationOptions {
    @Option(names = "--slack", description = "Post to a Slack incoming webhook (URL in env SLACK_WEBHOOK or --slack-webhook-file).")
    boolean slack;
    @Option(names = "--slack-webhook-file", paramLabel = "FILE", description = "Read the Slack webhook URL from FILE (implies --slack).")
    Path slackWebhookFile;

    @Option(names = "--teams", description = "Post to a Microsoft Teams Workflows webhook (URL in env TEAMS_WEBHOOK or --teams-webhook-file).")
    boolean teams;
    @Option(names = "--teams-webhook-file", paramLabel = "FILE", description = "Read the Teams webhook URL from FILE (implies --teams).")
    Path teamsWebhookFile;

    @Option(names = "--pagerduty", description = "Trigger/resolve a PagerDuty incident (routing key in env PAGERDUTY_ROUTING_KEY or --pagerduty-routing-key-file).")
    boolean pagerDuty;
    @Option(names = "--pagerduty-routing-key-file", paramLabel = "FILE", description = "Read the PagerDuty routing key from FILE (implies --pagerduty).")
    Path pagerDutyKeyFile;
    @Option(names = "--pagerduty-url", paramLabel = "URL", defaultValue = PagerDutyDestination.DEFAULT_ENDPOINT,
            description = "Events API v2 endpoint (default ${DEFAULT-VALUE}).")
    String pagerDutyUrl;

    @Option(names = "--email", description = "Send an email over SMTP (needs --smtp-host, --mail-from, --mail-to; login from env SMTP_USER/SMTP_PASSWORD).")
    boolean email;
    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server.")
    String smtpHost;
    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port (default 587 for starttls, 465 for smtps, 25 for none).")
    Integer smtpPort;
    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls",
            description = "starttls (required upgrade, default), smtps (TLS from the start) or none (plain, for local relays).")
    SmtpSettings.Security smtpSecurity;
    @Option(names = "--mail-from", paramLabel = "ADDRESS", description = "Sender address.")
    String mailFrom;
    @Option(names = "--mail-to", paramLabel = "ADDRESS", description = "Recipient (repeatable).")
    List<String> mailTo = new ArrayList<>();

    @Option(names = "--webhook", description = "POST the JSON report as is to a URL (env WEBHOOK_URL or the one --webhook-url-env names); "
            + "signed with X-Qualytics-Drift-Signature when env WEBHOOK_SECRET is set.")
    boolean webhook;
    @Option(names = "--webhook-url-env", paramLabel = "NAME", description = "The environment variable holding the webhook URL (implies --webhook).")
    String webhookUrlEnv;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = ServerOptions.DEFAULT_TIMEOUT, description = "Per-request timeout in seconds, SMTP included (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;
    @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "Retries on 429, 5xx and connection errors (default ${DEFAULT-VALUE}).")
    int retries;

    /**
     * The chosen destinations with their secrets resolved. A dry run needs no secrets and, with nothing chosen,
     * previews every destination that needs no further settings.
     */
    public List<Destination> build(NotifyRuntime runtime, Log log, boolean dryRun) {
        boolean any = anyChosen();
        if (!any && !dryRun) {
            throw Failure.usage("no destination: choose one or more of --slack, --teams, --pagerduty, --email, --webhook (or --dry-run)");
        }
        boolean all = !any;
        boolean required = !dryRun;
        Duration timeout = timeout();
        HttpDelivery http = http(runtime, log);
        List<Destination> destinations = new ArrayList<>();
        if (all || slack || slackWebhookFile != null) {
            destinations.add(new SlackDestination(secret(runtime, "slack", "SLACK_WEBHOOK", slackWebhookFile, "--slack-webhook-file", required), http));
        }
        if (all || teams || teamsWebhookFile != null) {
            destinations.add(new TeamsDestination(secret(runtime, "teams", "TEAMS_WEBHOOK", teamsWebhookFile, "--teams-webhook-file", required), http));
        }
        if (all || pagerDuty || pagerDutyKeyFile != null) {
            Secret key = secret(runtime, "pagerduty", "PAGERDUTY_ROUTING_KEY", pagerDutyKeyFile, "--pagerduty-routing-key-file", required);
            destinations.add(new PagerDutyDestination(key, new Secret(pagerDutyUrl), http));
        }
        if (email) {
            destinations.add(new EmailDestination(smtp(runtime, timeout)));
        }
        if (all || webhook || webhookUrlEnv != null) {
            String urlEnv = webhookUrlEnv != null ? webhookUrlEnv : "WEBHOOK_URL";
            Secret url = secret(runtime, "webhook", urlEnv, null, null, required);
            String signing = runtime.getenv("WEBHOOK_SECRET");
            destinations.add(new WebhookDestination(url, signing == null ? null : new Secret(signing), http));
        }
        return destinations;
    }

    /** Whether any destination flag is given (a routes file names its destinations itself). */
    public boolean anyChosen() {
        return slack || slackWebhookFile != null || teams || teamsWebhookFile != null || pagerDuty
                || pagerDutyKeyFile != null || email || webhook || webhookUrlEnv != null;
    }

    /** --timeout: the per-request (and SMTP) timeout. */
    public Duration timeout() {
        if (timeoutSeconds <= 0 || retries < 0) {
            throw Failure.usage("--timeout must be positive and --retries zero or more");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** HTTP delivery with --timeout and --retries. */
    public HttpDelivery http(NotifyRuntime runtime, Log log) {
        RetryPolicy policy = new RetryPolicy(retries + 1, Duration.ofSeconds(1), Duration.ofSeconds(60), timeout());
        return new HttpDelivery(policy, runtime.sleeper(), log);
    }

    private SmtpSettings smtp(NotifyRuntime runtime, Duration timeout) {
        if (smtpHost == null || mailFrom == null || mailTo.isEmpty()) {
            throw Failure.usage("--email needs --smtp-host, --mail-from and at least one --mail-to");
        }
        String user = runtime.getenv("SMTP_USER");
        String password = runtime.getenv("SMTP_PASSWORD");
        if ((user == null) != (password == null)) {
            throw Failure.usage("set both SMTP_USER and SMTP_PASSWORD to log in to the SMTP server, or neither");
        }
        int port = smtpPort != null ? smtpPort : SmtpSettings.defaultPort(smtpSecurity);
        return new SmtpSettings(smtpHost, port, smtpSecurity, mailFrom, List.copyOf(mailTo), user,
                password == null ? null : new Secret(password), timeout);
    }

    /** The secret from its file (first line) if given, else from its environment variable; null only in a dry run. */
    private static Secret secret(NotifyRuntime runtime, String destination, String env, Path file, String fileOption, boolean required) {
        if (file != null) {
            try {
                String first = Files.readString(file).lines().findFirst().orElse("").strip();
                if (first.isEmpty()) {
                    throw Failure.usage(destination + ": " + file + " is empty: write the secret on its first line");
                }
                return new Secret(first);
            } catch (IOException e) {
                throw Failure.io(destination + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        String value = runtime.getenv(env);
        if (value != null) {
            return new Secret(value);
        }
        if (!required) {
            return null;
        }
        throw new Failure(ExitCode.USAGE, destination + ": no secret: set " + env + (fileOption != null ? " or pass " + fileOption : ""));
    }
}
