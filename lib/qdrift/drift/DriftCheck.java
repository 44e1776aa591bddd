package qdrift.drift;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import qdrift.api.QualyticsClient;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.export.Exporter;
import qdrift.export.FolderExport;
import qdrift.export.ScratchFolder;
import qdrift.git.DriftLock;
import qdrift.git.GitToken;
import qdrift.git.GitWorkspace;
import qdrift.report.DriftReport;
import qdrift.report.IgnoreRules;
import qdrift.report.Origin;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportBuilder;
import qdrift.report.FileText;

/**
 * The scheduled drift check: lock, refuse a dirty worktree, pull, export over the committed folder (or a temporary
 * copy of HEAD's folder with checkOnly, so files the export does not own compare equal), compare with HEAD, build
 * the report. Opening a pull request is the caller's next step.
 */
public final class DriftCheck {

    public record Settings(Path repo, String path, Exporter.Scope scope, boolean pull, boolean checkOnly,
                           List<String> ignore, Duration lockWait, boolean force, Optional<GitToken> gitToken) {
    }

    /**
     * The report and the file texts behind it; prFailure is set when the drift was found but proposing it failed,
     * so the caller can still write the report before failing.
     */
    public record Outcome(DriftReport report, List<FileText> texts, Failure prFailure) {
    }

    /** A step that needs the drifted snapshot while the lock is held, such as opening a pull request. */
    @FunctionalInterface
    public interface SnapshotConsumer {
        PullRequestRef accept(GitWorkspace workspace, Path snapshot, DriftReport report, List<FileText> texts);
    }

    private final QualyticsClient client;
    private final Log log;
    private final Clock clock;

    public DriftCheck(QualyticsClient client, Log log, Clock clock) {
        this.client = client;
        this.log = log;
        this.clock = clock;
    }

    /** Runs the check; afterSnapshot, when given, is called with the workspace and exported folder (to open a PR). */
    public Outcome run(Settings settings, SnapshotConsumer afterSnapshot) {
        try (GitWorkspace workspace = GitWorkspace.open(settings.repo(), settings.path());
             DriftLock lock = DriftLock.acquire(workspace.gitDir(), settings.lockWait())) {
            workspace.refuseDirtyOutside();
            if (settings.pull()) {
                log.info(workspace.pull(settings.gitToken().map(GitToken::credentials)).describe());
            }
            Exporter.Export export = new Exporter(client, log).export(settings.scope());
            Path folder = workspace.folder();
            ScratchFolder scratch = settings.checkOnly() ? ScratchFolder.create("qualytics-drift-check", "--check-only") : null;
            Path target = scratch != null ? scratch.path() : folder;
            try {
                if (settings.checkOnly()) {
                    workspace.copyCommittedFolder(target);
                }
                Exporter.Export written = FolderExport.write(export, client.baseUrl(), settings.scope().include(), target,
                        folder, settings.force()).export();
                DeltaReader changes = new DeltaReader(workspace.changesAgainstHead(target), export.snapshot());
                IgnoreRules rules = IgnoreRules.load(folder, settings.ignore(), clock);
                Origin origin = Origin.live(client.host(), written.scope(), settings.repo().toAbsolutePath().normalize().toString(),
                        settings.path(), workspace.headCommit());
                if (written.shard() != null) {
                    origin = origin.withShard(written.shard().toString());
                }
                DriftReport report = ReportBuilder.build("drift", origin, changes.deltas(), rules, new ArrayList<>())
                        .withFailedDatastores(written.failed());
                if (!report.changes().isEmpty() && afterSnapshot != null) {
                    try {
                        report = report.withPullRequest(afterSnapshot.accept(workspace, target, report, changes.texts()));
                    } catch (Failure prFailure) {
                        return new Outcome(report, changes.texts(), prFailure);
                    }
                }
                return new Outcome(report, changes.texts(), null);
            } finally {
                if (scratch != null) {
                    scratch.close();
                }
            }
        }
    }
}
