package qdrift.git;

import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.Transport;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * Asks a git remote, without changing anything, whether it answers (the refs a fetch would see) and whether it would
 * take a push (the refs a push would see: https forges ask for write access there). For doctor.
 */
public final class RemoteProbe {
    private RemoteProbe() {
    }

    /** Lists the remote's refs as a fetch would; a Failure (exit 5) with the reason when it cannot. */
    public static int refs(GitWorkspace workspace, String remote, Optional<CredentialsProvider> credentials) {
        try (Git git = new Git(workspace.repository())) {
            return git.lsRemote().setRemote(remote).setCredentialsProvider(credentials.orElse(null))
                    .setTimeout(workspace.transportTimeoutSeconds()).call().size();
        } catch (Exception e) {
            throw failure(workspace, "fetch", remote, e);
        }
    }

    /** Opens a push connection and reads what it advertises, sending nothing; a Failure (exit 5) when refused. */
    public static void push(GitWorkspace workspace, String remote, Optional<CredentialsProvider> credentials) {
        try (Transport transport = Transport.open(workspace.repository(), remote)) {
            transport.setCredentialsProvider(credentials.orElse(null));
            transport.setTimeout(workspace.transportTimeoutSeconds());
            try (PushConnection connection = transport.openPush()) {
                connection.getRefs();
            }
        } catch (Exception e) {
            throw failure(workspace, "push", remote, e);
        }
    }

    private static Failure failure(GitWorkspace workspace, String what, String remote, Exception e) {
        Failure silent = workspace.silentRemote(what, remote, e);
        if (silent != null) {
            return silent;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : RemoteUrls.withoutCredentials(e.getMessage());
        return new Failure(ExitCode.GIT, reason.lines().findFirst().orElse(reason), e);
    }
}
