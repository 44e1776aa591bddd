package qdrift.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * The token that pushes the drift branch and calls the GitHub API. It is handed to JGit as credentials for one
 * push and to GitHub as a header, never written to .git/config, a remote URL, a log or a message.
 */
public final class GitToken {
    public static final String ENV = "GIT_TOKEN";

    private final String value;

    private GitToken(String value) {
        this.value = value;
    }

    public static GitToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new Failure(ExitCode.GIT, "the git token is empty: set " + ENV + " or pass --git-token-file");
        }
        String token = value.strip();
        int unsafe = qdrift.cli.HeaderValue.firstUnsafe(token);
        if (unsafe >= 0) {
            throw new Failure(ExitCode.GIT, "the git token holds " + qdrift.cli.HeaderValue.describeUnsafe(token, unsafe)
                    + ", which no HTTP header can carry: copy the token again (one line) into " + ENV + " or --git-token-file");
        }
        return new GitToken(token);
    }

    /** From the file if one is given (first line), else from GIT_TOKEN in {@code env}; empty if neither is set. */
    public static Optional<GitToken> resolve(Optional<Path> file, Map<String, String> env) {
        return resolve(file, env, ENV);
    }

    /** As above, trying the variables in {@code envNames} in turn (GITLAB_TOKEN, then GIT_TOKEN). */
    public static Optional<GitToken> resolve(Optional<Path> file, Map<String, String> env, String... envNames) {
        if (file.isPresent()) {
            try {
                String content = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
                return Optional.of(of(content.lines().findFirst().orElse("")));
            } catch (IOException e) {
                throw new Failure(ExitCode.IO, "cannot read the git token file " + file.get() + " ("
                        + e.getClass().getSimpleName() + "): check the path and its permissions");
            }
        }
        for (String name : envNames) {
            String fromEnv = env.get(name);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(of(fromEnv));
            }
        }
        return Optional.empty();
    }

    /** JGit credentials for an https push, as GitHub expects for a token. */
    public CredentialsProvider credentials() {
        return credentials("x-access-token");
    }

    /** JGit credentials with the user name a forge expects beside a token (GitLab: "oauth2"). */
    public CredentialsProvider credentials(String user) {
        return new UsernamePasswordCredentialsProvider(user, value);
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "GitToken[****]";
    }
}
