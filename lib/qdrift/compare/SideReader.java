package qdrift.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import qdrift.api.ClientSettings;
import qdrift.api.QualyticsClient;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.cli.ServerConfig;
import qdrift.cli.ServerOptions;
import qdrift.export.Exporter;
import qdrift.export.Snapshot;
import qdrift.git.FilesAtRef;
import qdrift.model.ResourceType;
import qdrift.report.Origin;

/**
 * Reads a side into a snapshot, in memory: a live server through the exporter, a folder from disk, or a folder as
 * committed at a git ref. Every failure names the side ("prod: ...") and keeps its exit code.
 */
public final class SideReader {
    private final UnaryOperator<String> environment;
    private final Duration timeout;
    private final ClientSettings clientSettings;
    private final Set<ResourceType> include;
    private final Log log;

    /** environment looks up the variable a side names for its token (System::getenv outside tests). */
    public SideReader(UnaryOperator<String> environment, Duration timeout, ClientSettings clientSettings,
                      Set<ResourceType> include, Log log) {
        this.environment = environment;
        this.timeout = timeout;
        this.clientSettings = clientSettings;
        this.include = include;
        this.log = log;
    }

    public SideSnapshot read(SideSpec side) {
        try {
            SideSpec spec = side.validated();
            if (spec.isLive()) {
                return live(spec);
            }
            if (spec.isGit()) {
                Path repo = spec.repo() == null ? Path.of(".") : spec.repo();
                FilesAtRef.Tree tree = FilesAtRef.read(repo, spec.ref(), spec.folder());
                log.info(spec.label() + ": read " + spec.folder() + " at " + spec.ref() + " (" + tree.commit().substring(0, 12) + ")");
                return new SideSnapshot(new Origin.Side(spec.label(), null, null, spec.folder(), spec.ref()),
                        Snapshot.readFiles(tree.files()));
            }
            log.info(spec.label() + ": read folder " + spec.folder());
            return new SideSnapshot(new Origin.Side(spec.label(), null, null, spec.folder(), null),
                    Snapshot.readFolder(Path.of(spec.folder())));
        } catch (Failure failure) {
            String prefix = side.label() + ": ";
            String message = failure.getMessage() != null && failure.getMessage().startsWith(prefix)
                    ? failure.getMessage() : prefix + failure.getMessage();
            throw new Failure(failure.exitCode(), message, failure);
        }
    }

    private SideSnapshot live(SideSpec spec) {
        String token = spec.tokenFile() != null ? ServerOptions.readTokenFile(spec.tokenFile()) : environment.apply(spec.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new Failure(ExitCode.AUTH, "environment variable " + spec.tokenEnv()
                    + " is not set or empty: export it with the API token of " + spec.url());
        }
        ServerConfig server = new ServerConfig(spec.url().trim(), token.trim(), timeout);
        Exporter.Scope scope = new Exporter.Scope(spec.datastoreIds(), spec.datastoreIds().isEmpty(), include);
        try (QualyticsClient client = new QualyticsClient(server, clientSettings)) {
            log.info(spec.label() + ": reading " + client.host()
                    + (scope.allDatastores() ? " (every datastore)" : " (datastores " + spec.datastoreIds() + ")"));
            // a side missing a datastore would show its whole content as a difference: compare-envs is all or nothing
            Exporter.Export export = new Exporter(client, log).export(scope).complete();
            return new SideSnapshot(new Origin.Side(spec.label(), client.host(), export.datastores(), null, null),
                    export.snapshot());
        }
    }
}
