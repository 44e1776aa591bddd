package qdrift.drift;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import qdrift.api.QualyticsClient;
import qdrift.cli.Background;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.export.Exporter;
import qdrift.export.ExportManifest;
import qdrift.export.FolderExport;
import qdrift.export.FolderSync;
import qdrift.export.ScratchFolder;
import qdrift.git.DriftLock;
import qdrift.git.GitToken;
import qdrift.git.GitWorkspace;
import qdrift.git.HeadComparison;
import qdrift.export.SnapshotEntry;
import qdrift.report.Attribution;
import qdrift.model.ServerFieldsFile;
import qdrift.report.DriftReport;
import qdrift.report.IgnoreRules;
import qdrift.report.Origin;
import qdrift.report.PullRequestRef;
import qdrift.report.ReportBuilder;
import qdrift.report.FileText;
import qdrift.revert.RevertCommandLine;

/**
 * The scheduled drift check: lock, refuse a dirty worktree, pull, export over the committed folder (or a temporary
 * copy of HEAD's folder with checkOnly, so files the export does not own compare equal), compare with HEAD, build
 * the report. Opening a pull request is the caller's next step.
 */
public final class DriftCheck {

    /** gitTimeout: how long a git remote may stay silent during the pull (and a pull request's push). */
    public record Settings(Path repo, String path, Exporter.Scope scope, boolean pull, boolean checkOnly,
                           List<String> ignore, Duration lockWait, boolean force, Optional<GitToken> gitToken,
                           Duration gitTimeout) {
        public Settings(Path repo, String path, Exporter.Scope scope, boolean pull, boolean checkOnly,
                        List<String> ignore, Duration lockWait, boolean force, Optional<GitToken> gitToken) {
            this(repo, path, scope, pull, checkOnly, ignore, lockWait, force, gitToken, GitWorkspace.DEFAULT_TRANSPORT_TIMEOUT);
        }
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

    /** After a drifting run (not --check-only): the work tree's folder now holds the live state; how to put Git's back. */
    public static String workTreeNote(Path repo, String folder) {
        String git = qdrift.cli.ShellWords.join(java.util.List.of("git", "-C", repo.toAbsolutePath().normalize().toString()));
        String quoted = qdrift.cli.ShellWords.join(java.util.List.of(folder));
        return "The work tree's " + folder + " now holds the live state (commit it to accept the drift). To discard it: "
                + git + " checkout -- " + quoted + " && " + git + " clean -fdq -- " + quoted;
    }

    /** The export command that re-baselines the folder in the current format. */
    static String rebaseline(Settings settings, Path folder) {
        StringBuilder command = new StringBuilder(qdrift.cli.ShellWords.join(qdrift.cli.ScriptCommand.words("export.java")));
        if (settings.scope().allDatastores()) {
            command.append(" --all-datastores");
        } else {
            settings.scope().datastoreIds().forEach(id -> command.append(" --datastore-id ").append(id));
        }
        return command.append(" --folder ").append(folder).toString();
    }

    /**
     * Starts loading what a run needs (JGit, the API's JSON parsing, the canonical YAML rendering) on background
     * threads, before the options are checked and the client is built; sends nothing. See {@link WarmUp}. JGit finds
     * the system-wide git config by running git (twice: --version, then config --system --edit): on a thread of its
     * own it is done before the repository is opened.
     */
    public static void warmUp(Log log) {
        WarmUp.start("qdrift-warm-up-git-config", log, List.of(new WarmUp.Step("git's system config", GitWorkspace::findSystemConfig)));
        WarmUp.start("qdrift-warm-up", log, List.of(
                new WarmUp.Step("git classes", GitWorkspace::warmUp),
                new WarmUp.Step("JSON parsing", QualyticsClient::warmUpParsing),
                new WarmUp.Step("canonical YAML", DriftCheck::warmUpRendering)));
    }

    private static void warmUpRendering() {
        com.fasterxml.jackson.databind.node.ObjectNode sample = qdrift.model.CanonicalValues.nodes().objectNode();
        sample.put("name", "warm-up").put("coverage", 0.5).put("description", "two\nlines").putArray("fields").add("a");
        qdrift.model.CanonicalYaml.write(sample);
        qdrift.export.ExportLayout.identify("connections/warm-up.yaml");
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
        qdrift.export.PhaseTimer timer = new qdrift.export.PhaseTimer(log);
        // the HTTP client is built while the repository is opened and checked; joined before the first request
        WarmUp http = WarmUp.start("qdrift-warm-up-http", log, List.of(new WarmUp.Step("HTTP client", client::warmUp)));
        try {
            return check(settings, afterSnapshot, timer, http);
        } finally {
            http.await(); // a refused run too: the client is closed after this returns, never while it is being built
        }
    }

    private Outcome check(Settings settings, SnapshotConsumer afterSnapshot, qdrift.export.PhaseTimer timer, WarmUp http) {
        try (GitWorkspace workspace = timer.time("open the repository", () -> GitWorkspace.open(settings.repo(), settings.path()));
             DriftLock lock = DriftLock.acquire(workspace.gitDir(), settings.lockWait())) {
            FolderSync.recover(workspace.folder()); // a killed run's update, completed or undone before anything else
            workspace.transportTimeout(settings.gitTimeout());
            // without a pull nothing changes the folder between git status and the export: the folder's own checks
            // (a walk of it, read-only) run beside git status, and a refusal of the status still comes first
            CompletableFuture<Void> folderChecked = settings.pull() ? null : Background.run("qdrift-folder-checks",
                    () -> FolderExport.checkFolder(workspace.folder(), settings.scope().include(), settings.force()));
            timer.time("git status", () -> { workspace.refuseDirtyOutside(); return null; });
            if (settings.pull()) {
                log.info(workspace.pull(settings.gitToken().map(GitToken::credentials)).describe());
            }
            workspace.requireCommittedExport(ExportManifest.FILE_NAME);
            if (folderChecked == null) {
                FolderExport.prepare(workspace.folder(), settings.scope().include(), settings.force());
            } else {
                Background.join(folderChecked); // its refusal as it was raised
            }
            FolderExport.refuseOtherFormat(workspace.folder(), rebaseline(settings, workspace.folder()));
            // the rules (and so a malformed .driftignore) are read after the pull that may change them, before the export
            IgnoreRules rules = IgnoreRules.load(workspace.folder(), settings.ignore(), clock);
            Path folder = workspace.folder();
            ServerFieldsFile serverFields = ServerFieldsFile.load(folder);
            if (http.running()) {
                timer.time("wait for the warm-up", () -> { http.await(); return null; });
            }
            Exporter.Export export = timer.time("export (read and render)", () -> new Exporter(client, log).export(settings.scope()).without(serverFields));
            // the compare-only pass: the rendered bytes against HEAD's blob ids, in memory. When the status read above
            // found the folder as HEAD has it, a file equal to HEAD is equal on disk and is never touched, and the
            // folder is what a --check-only copy of HEAD's folder would be, so that copy is made only on drift
            boolean cleanFolder = workspace.folderCleanAtStatus();
            FolderExport.Plan inMemory = cleanFolder ? FolderExport.plan(export, client.baseUrl(), settings.scope().include(),
                    folder, folder, settings.force(), log) : null;
            HeadComparison head = inMemory != null
                    ? timer.time("compare with HEAD in memory", () -> workspace.compareInMemory(inMemory.files(), inMemory.owned()))
                    : null;
            ScratchFolder scratch = null;
            try {
                Path target = folder;
                Exporter.Export written;
                DeltaReader changes;
                if (head != null && head.identical()) {
                    log.debug("drift: every file is HEAD's and the folder is clean: nothing written, staged or compared on disk"
                            + (settings.checkOnly() ? " (no copy of HEAD's folder for --check-only)" : ""));
                    written = inMemory.unchanged().export();
                    changes = new DeltaReader(List.of(), export.snapshot());
                } else {
                    FolderExport.Plan plan = inMemory;
                    Set<String> same = head != null ? head.same() : Set.of();
                    if (settings.checkOnly()) {
                        scratch = ScratchFolder.create("qualytics-drift-check", "--check-only");
                        target = scratch.path();
                        workspace.copyCommittedFolder(target);
                        // planned again against the copy (what exists there decides which archived checks are held);
                        // silently when the in-memory pass already said what planning says
                        plan = FolderExport.plan(export, client.baseUrl(), settings.scope().include(), target, folder,
                                settings.force(), inMemory != null ? Log.silent() : log);
                        same = Set.of();
                    } else if (plan == null) {
                        plan = FolderExport.plan(export, client.baseUrl(), settings.scope().include(), target, folder,
                                settings.force(), log);
                    }
                    written = FolderExport.apply(plan, same, log).export();
                    Path compared = target;
                    Set<String> known = same;
                    changes = timer.time("compare with HEAD", () -> new DeltaReader(workspace.changesAgainstHead(compared, known), export.snapshot()));
                }
                Origin origin = Origin.live(client.host(), written.scope(), settings.repo().toAbsolutePath().normalize().toString(),
                        settings.path(), workspace.headCommit());
                if (written.shard() != null) {
                    origin = origin.withShard(written.shard().toString());
                }
                DriftReport built = ReportBuilder.build("drift", origin, changes.deltas(), rules,
                        new ArrayList<>(export.snapshot().warnings()), totals(export));
                log.debug("timing: report built");
                built = Attribution.annotate(built, file -> export.snapshot().get(file).map(SnapshotEntry::attribution).orElse(null));
                // a shard's or a partial run's revert names the datastores it checked, never the whole tenant
                DriftReport report = built.withRevertCommand(RevertCommandLine.forDrift(built, origin.repository(), settings.path(),
                        export.datastores().stream().map(Origin.DatastoreRef::id).toList(),
                        settings.scope().allDatastores() && written.shard() == null && !written.partial(), null))
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

    /** How many resources of each type the live side has: what a platform finding counts against. */
    static java.util.Map<String, Integer> totals(Exporter.Export export) {
        java.util.Map<String, Integer> totals = new java.util.TreeMap<>();
        export.snapshot().counts().forEach((type, count) -> totals.put(type.id(), count));
        return totals;
    }
}
