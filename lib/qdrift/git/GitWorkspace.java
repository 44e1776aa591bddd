//DEPS org.slf4j:slf4j-nop:1.7.36
//DEPS org.eclipse.jgit:org.eclipse.jgit:7.1.0.202411261347-r
package qdrift.git;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * A git work tree and the export folder inside it ({@link #path()}, relative to the work tree's top).
 * <p>
 * The folder may be missing only while HEAD has nothing at that path (a first export); if HEAD has files there but
 * the folder is gone, {@link #open} refuses, since a wrong --output or --repo is likelier than a wanted deletion.
 * The repository root itself is refused as the export folder: the export would then own the whole work tree.
 */
public final class GitWorkspace implements AutoCloseable {
    private static final int NAMED_FILES = 3;

    private final Repository repository;
    private final Path workTree;
    private final String path;
    /** How long a remote may stay silent during a fetch or push before the run gives up (JGit's transport timeout). */
    private java.time.Duration transportTimeout = DEFAULT_TRANSPORT_TIMEOUT;
    /** The status {@link #refuseDirtyOutside} read, while nothing this class did changed the work tree since; or null. */
    private WorkTreeStatus lastStatus;
    /** The git command asked first for the status and HEAD's files (JGit reads them where it cannot answer). */
    private String gitCommand = "git";
    /** HEAD's files under the folder ({@link #committedFiles}) and the commit they were read at. */
    private Map<String, ObjectId> committed;
    private ObjectId committedAt;

    public static final java.time.Duration DEFAULT_TRANSPORT_TIMEOUT = java.time.Duration.ofSeconds(60);

    private GitWorkspace(Repository repository, Path workTree, String path) {
        this.repository = repository;
        this.workTree = workTree;
        this.path = path;
    }

    /**
     * Loads and initialises the JGit classes that opening a repository and the compare with HEAD use (git status is
     * the git command's, see {@link WorkTreeStatus}), touching no repository: a drift run does it on a background
     * thread while it parses its options.
     */
    public static void warmUp() {
        List<Class<?>> classes = List.of(FileRepositoryBuilder.class, org.eclipse.jgit.internal.storage.file.FileRepository.class,
                org.eclipse.jgit.storage.file.FileBasedConfig.class, org.eclipse.jgit.util.FS.class, Constants.class,
                org.eclipse.jgit.util.RawParseUtils.class, org.eclipse.jgit.internal.storage.file.ObjectDirectory.class,
                org.eclipse.jgit.internal.storage.file.RefDirectory.class, org.eclipse.jgit.internal.storage.file.WindowCache.class,
                RevWalk.class, RevCommit.class, TreeWalk.class, PathFilter.class, FileTreeIterator.class,
                org.eclipse.jgit.dircache.DirCache.class, org.eclipse.jgit.dircache.DirCacheEntry.class,
                org.eclipse.jgit.dircache.DirCacheIterator.class, Git.class);
        for (Class<?> type : classes) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            ids.idFor(Constants.OBJ_BLOB, new byte[] {'w', 'a', 'r', 'm', '\n'});
        }
    }

    /**
     * Finds the system-wide git config as opening a repository would (JGit runs the git CLI for its location, once
     * per process), touching no repository and no work tree.
     */
    public static void findSystemConfig() {
        org.eclipse.jgit.util.FS.DETECTED.getGitSystemConfig();
    }

    /**
     * @param repo a folder inside a git work tree
     * @param path the export folder, relative to {@code repo} (or absolute); must lie inside the work tree
     */
    public static GitWorkspace open(Path repo, String path) {
        Repository repository = openRepository(repo);
        try {
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path target = repo.toRealPath().resolve(path).normalize();
            if (!target.startsWith(workTree) || target.equals(workTree)) {
                throw new Failure(ExitCode.GIT, "'" + path + "' is not a folder inside the repository " + workTree
                        + ": pass an export folder inside it (not its root)");
            }
            String relative = slashes(workTree.relativize(target));
            if (relative.equals(Constants.DOT_GIT) || relative.startsWith(Constants.DOT_GIT + "/")) {
                throw new Failure(ExitCode.GIT, "'" + path + "' is inside .git: pass an export folder in the work tree");
            }
            GitWorkspace workspace = new GitWorkspace(repository, workTree, relative);
            workspace.checkFolder();
            return workspace;
        } catch (IOException e) {
            repository.close();
            throw new Failure(ExitCode.GIT, "cannot open " + repo + " (" + e.getMessage() + "): check --repo", e);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    private static Repository openRepository(Path repo) {
        Failure notARepository = new Failure(ExitCode.GIT, repo + " is not a git repository: run git init or pass --repo");
        if (!Files.isDirectory(repo)) {
            throw notARepository;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).findGitDir(repo.toFile());
        if (builder.getGitDir() == null) {
            throw notARepository;
        }
        try {
            Repository repository = builder.build();
            if (repository.isBare()) {
                repository.close();
                throw new Failure(ExitCode.GIT, repo + " is a bare repository: pass a clone with a work tree as --repo");
            }
            return repository;
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, repo + " is not a usable git repository (" + e.getMessage()
                    + "): run git status there to see what is wrong", e);
        }
    }

    private void checkFolder() throws IOException {
        Path folder = folder();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new Failure(ExitCode.GIT, path + " is a file in " + workTree + ": pass a folder as --path");
        }
        if (!Files.exists(folder) && !committedFiles().isEmpty()) {
            throw new Failure(ExitCode.GIT, path + " is committed in HEAD but missing from the work tree " + workTree
                    + ": restore it with git checkout HEAD -- " + path + ", or check --output and --repo");
        }
    }

    /**
     * Refuses a folder HEAD has nothing at (a typo in --path would otherwise report every live resource as added),
     * naming the folders HEAD holds an export in ({@code marker}, the export manifest's file name).
     */
    public void requireCommittedExport(String marker) {
        headCommit(); // a repository without commits has its own message
        try {
            if (!committedFiles().isEmpty()) {
                return;
            }
            List<String> exports = new ArrayList<>();
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head != null) {
                try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(walk.parseCommit(head).getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        String file = tree.getPathString();
                        if (file.equals(marker) || file.endsWith("/" + marker)) {
                            exports.add(file.equals(marker) ? "." : file.substring(0, file.length() - marker.length() - 1));
                        }
                    }
                }
            }
            String hint = exports.isEmpty()
                    ? "check --path and --repo, or make a first export there (export.java --folder " + folder()
                            + ") and commit it"
                    : "HEAD has one at " + String.join(", ", exports.stream().limit(NAMED_FILES).toList())
                            + ": check --path (did you mean --path " + exports.get(0) + "?)";
            throw Failure.usage("HEAD of " + workTree + " has no export at '" + path + "': " + hint);
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot read HEAD in " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** The export folder relative to the work tree's top, with {@code /}. */
    public String path() {
        return path;
    }

    /** The export folder on disk. */
    public Path folder() {
        return workTree.resolve(path);
    }

    public Path workTree() {
        return workTree;
    }

    public Path gitDir() {
        return repository.getDirectory().toPath();
    }

    Repository repository() {
        return repository;
    }

    /**
     * Refuses to run while tracked files outside the export folder have uncommitted changes (modified, staged,
     * deleted): the drift run must not mix them into what it reports or commits. Untracked files are fine, and so
     * are changes inside the export folder, which the export regenerates.
     */
    public void refuseDirtyOutside() {
        WorkTreeStatus status = WorkTreeStatus.byGitCommand(gitCommand, repository.getDirectory().toPath(), workTree)
                .orElseGet(() -> WorkTreeStatus.of(status()));
        lastStatus = status;
        List<String> outside = status.dirty().stream().filter(file -> !isInside(file)).sorted().toList();
        if (!outside.isEmpty()) {
            String named = outside.stream().limit(NAMED_FILES).collect(Collectors.joining(", "));
            String more = outside.size() > NAMED_FILES ? " and " + (outside.size() - NAMED_FILES) + " more" : "";
            throw new Failure(ExitCode.GIT, "uncommitted changes outside " + path + " in " + workTree + ": " + named
                    + more + ": commit or stash them first");
        }
    }

    /**
     * Fetches the current branch's upstream and fast-forwards to it; never merges or rebases. No upstream (or a
     * detached HEAD) skips the pull. Before fast-forwarding, the export folder is reset to HEAD: tracked files
     * there are restored and untracked files the upstream brings are deleted, since the export regenerates the
     * folder anyway and a previous run's leftovers must not block the pull. Other files there are left alone.
     */
    public PullResult pull(Optional<CredentialsProvider> credentials) {
        try (Git git = new Git(repository)) {
            String fullBranch = repository.getFullBranch();
            if (fullBranch == null || !fullBranch.startsWith(Constants.R_HEADS)) {
                return new PullResult(PullResult.Status.SKIPPED, "HEAD is detached", null, null);
            }
            BranchConfig config = new BranchConfig(repository.getConfig(), repository.getBranch());
            String remote = config.getRemote();
            String merge = config.getMerge();
            if (remote == null || merge == null) {
                return new PullResult(PullResult.Status.SKIPPED, null, null, null);
            }
            String tracking = ".".equals(remote) ? merge : config.getRemoteTrackingBranch();
            String upstream = Repository.shortenRefName(tracking);
            if (!".".equals(remote)) {
                fetch(git, remote, credentials);
            }
            ObjectId upstreamId = repository.resolve(tracking);
            ObjectId headId = repository.resolve(Constants.HEAD);
            if (upstreamId == null) {
                throw new Failure(ExitCode.GIT, "the upstream " + upstream + " of branch " + repository.getBranch()
                        + " does not exist: push the branch first or unset its upstream (git branch --unset-upstream)");
            }
            String from = headId == null ? null : headId.name();
            if (upstreamId.equals(headId)) {
                return new PullResult(PullResult.Status.UP_TO_DATE, upstream, from, from);
            }
            if (headId != null) {
                try (RevWalk walk = new RevWalk(repository)) {
                    if (walk.isMergedInto(walk.parseCommit(upstreamId), walk.parseCommit(headId))) {
                        return new PullResult(PullResult.Status.AHEAD, upstream, from, from);
                    }
                    if (!walk.isMergedInto(walk.parseCommit(headId), walk.parseCommit(upstreamId))) {
                        throw diverged(upstream);
                    }
                }
            }
            resetFolderForPull(git, upstreamId);
            fastForward(git, upstreamId, upstream);
            return new PullResult(PullResult.Status.FAST_FORWARDED, upstream, from, upstreamId.name());
        } catch (IOException | GitAPIException e) {
            throw new Failure(ExitCode.GIT, "cannot pull in " + workTree + ": "
                    + RemoteUrls.withoutCredentials(e.getMessage()) + ": run git pull by hand to see why", e);
        }
    }

    /** Sets how long a remote may stay silent (connect or read) before a fetch or push fails, exit 5. */
    public GitWorkspace transportTimeout(java.time.Duration timeout) {
        this.transportTimeout = timeout;
        return this;
    }

    /** JGit's timeout in whole seconds, at least 1. */
    public int transportTimeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (transportTimeout.toMillis() + 999) / 1000));
    }

    /** A one-line failure for a remote that stopped answering, or null when {@code e} is not a timeout. */
    public Failure silentRemote(String what, String remote, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.io.InterruptedIOException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timed out"))) {
                return new Failure(ExitCode.GIT, "the git remote " + remote + " (" + remoteUrl(remote) + ") did not answer within "
                        + transportTimeoutSeconds() + " s during the " + what
                        + ": check the network and the remote URL, or raise --timeout", e);
            }
        }
        return null;
    }

    private void fetch(Git git, String remote, Optional<CredentialsProvider> credentials) {
        try {
            git.fetch().setRemote(remote).setCredentialsProvider(credentials.orElse(null)).setTimeout(transportTimeoutSeconds()).call();
        } catch (GitAPIException | RuntimeException e) {
            Failure silent = silentRemote("fetch", remote, e);
            if (silent != null) {
                throw silent;
            }
            throw new Failure(ExitCode.GIT, "cannot fetch from " + remote + " (" + remoteUrl(remote) + "): "
                    + RemoteUrls.withoutCredentials(e.getMessage())
                    + ": check the network and GIT_TOKEN (https and file remotes only), or pull by hand", e);
        }
    }

    private Failure diverged(String upstream) {
        try {
            return new Failure(ExitCode.GIT, "local branch " + repository.getBranch() + " and " + upstream
                    + " have diverged: resolve by hand (git pull --rebase) then rerun");
        } catch (IOException e) {
            return new Failure(ExitCode.GIT, "the local branch and " + upstream + " have diverged: resolve by hand "
                    + "(git pull --rebase) then rerun", e);
        }
    }

    private void resetFolderForPull(Git git, ObjectId upstreamId) throws IOException, GitAPIException {
        lastStatus = null; // the work tree changes from here on: the status read before no longer describes it
        if (repository.resolve(Constants.HEAD) != null && !committedFiles().isEmpty()) {
            git.checkout().setStartPoint(Constants.HEAD).addPath(path).call();
        }
        Set<String> incoming = filesAt(upstreamId).keySet();
        for (String untracked : status().getUntracked()) {
            if (isInside(untracked) && incoming.contains(untracked.substring(path.length() + 1))) {
                Files.deleteIfExists(workTree.resolve(untracked));
            }
        }
    }

    private void fastForward(Git git, ObjectId upstreamId, String upstream) throws GitAPIException {
        MergeResult result = git.merge().include(upstreamId).setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
                .setCommit(true).setMessage("qualytics-drift: fast-forward to " + upstream).call();
        MergeResult.MergeStatus status = result.getMergeStatus();
        if (status == MergeResult.MergeStatus.FAST_FORWARD || status == MergeResult.MergeStatus.ALREADY_UP_TO_DATE) {
            return;
        }
        if (result.getFailingPaths() != null && !result.getFailingPaths().isEmpty()) {
            String files = result.getFailingPaths().keySet().stream().sorted().limit(NAMED_FILES)
                    .collect(Collectors.joining(", "));
            throw new Failure(ExitCode.GIT, "cannot fast-forward to " + upstream + ": local changes to " + files
                    + " would be overwritten: commit or stash them first");
        }
        if (result.getCheckoutConflicts() != null && !result.getCheckoutConflicts().isEmpty()) {
            String files = result.getCheckoutConflicts().stream().sorted().limit(NAMED_FILES)
                    .collect(Collectors.joining(", "));
            throw new Failure(ExitCode.GIT, "cannot fast-forward to " + upstream + ": local files " + files
                    + " are in the way: commit, stash or remove them first");
        }
        throw new Failure(ExitCode.GIT, "cannot fast-forward to " + upstream + " (" + status
                + "): resolve by hand (git pull --rebase) then rerun");
    }

    /**
     * The files under {@code folder} (the export folder itself, or a temporary export for --check-only) that differ
     * byte for byte from HEAD's tree at {@link #path()}, sorted by file. In the export folder itself, untracked files
     * the repository ignores are left out, as git status does. Content filters (autocrlf, smudge) are not applied.
     */
    public List<FileChange> changesAgainstHead(Path folder) {
        return changesAgainstHead(folder, Set.of());
    }

    /**
     * Whether the status read by {@link #refuseDirtyOutside} (after which only a fast-forwarding pull changes the work
     * tree here, and it forgets the status) found the export folder exactly as HEAD has it: nothing modified, staged,
     * deleted, untracked or ignored inside it. Then a file equal to HEAD's blob is also equal to the file on disk.
     */
    public boolean folderCleanAtStatus() {
        WorkTreeStatus status = lastStatus;
        if (status == null) {
            return false;
        }
        return java.util.stream.Stream.of(status.dirty(), status.untracked(), status.ignored())
                .flatMap(Set::stream).noneMatch(file -> isInside(file) || file.equals(path));
    }

    /**
     * Compares files (relative to the export folder, as an export would write them) with HEAD in memory: git's blob
     * id of each file's bytes (SHA-1 of "blob LENGTH\0" and the bytes) against HEAD's tree entry. Nothing is read from
     * the work tree and no blob is inflated.
     *
     * @param owned which committed paths the export manages (a committed managed file absent from files is stale)
     */
    public HeadComparison compareInMemory(Map<String, byte[]> files, java.util.function.Predicate<String> owned) {
        try {
            Map<String, ObjectId> committed = committedFiles();
            Set<String> same = new TreeSet<>();
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                files.forEach((file, bytes) -> {
                    ObjectId blob = committed.get(file);
                    if (blob != null && ids.idFor(Constants.OBJ_BLOB, bytes).equals(blob)) {
                        same.add(file);
                    }
                });
            }
            List<String> stale = committed.keySet().stream().filter(file -> !files.containsKey(file) && owned.test(file)).toList();
            return new HeadComparison(same, stale, files.size());
        } catch (IOException e) {
            throw Failure.io("cannot read HEAD in " + workTree + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #changesAgainstHead(Path)}; {@code sameAsHead} names files known to hold HEAD's bytes on disk (see
     * {@link #compareInMemory} and {@link #folderCleanAtStatus}), which are then not read again.
     */
    public List<FileChange> changesAgainstHead(Path folder, Set<String> sameAsHead) {
        try {
            Map<String, ObjectId> committed = committedFiles();
            SortedMap<String, Path> current = filesIn(folder);
            // the ignore rules are walked only when there is an untracked file to judge (never in the cron case)
            if (!committed.keySet().containsAll(current.keySet()) && isExportFolder(folder)) {
                Set<String> ignored = ignoredFiles();
                current.keySet().removeIf(file -> !committed.containsKey(file) && ignored.contains(file));
            }
            Set<String> all = new TreeSet<>(committed.keySet());
            all.addAll(current.keySet());
            List<FileChange> changes = new ArrayList<>();
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                for (String file : all) {
                    if (sameAsHead.contains(file) && committed.containsKey(file) && current.containsKey(file)) {
                        continue;
                    }
                    byte[] after = current.containsKey(file) ? Files.readAllBytes(current.get(file)) : null;
                    ObjectId blob = committed.get(file);
                    // a file whose blob id is HEAD's is HEAD's: its blob is never opened (no inflating 5,000 objects)
                    if (blob != null && after != null && ids.idFor(Constants.OBJ_BLOB, after).equals(blob)) {
                        continue;
                    }
                    byte[] before = blob != null ? repository.open(blob).getBytes() : null;
                    if (!Arrays.equals(before, after)) {
                        changes.add(new FileChange(file, before, after));
                    }
                }
            }
            return changes;
        } catch (IOException e) {
            throw Failure.io("cannot compare " + folder + " with HEAD: " + e.getMessage(), e);
        }
    }

    /** The files of a folder on disk by path relative to it, {@code .git} folders left out. */
    static SortedMap<String, Path> filesIn(Path folder) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(Constants.DOT_GIT)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.put(slashes(folder.relativize(file)), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** The export folder's current files as the snapshot commit takes them: ignored untracked files left out. */
    SortedMap<String, Path> snapshotFiles(Path folder) throws IOException {
        SortedMap<String, Path> current = filesIn(folder);
        if (isExportFolder(folder)) {
            Map<String, ObjectId> committed = committedFiles();
            Set<String> ignored = ignoredFiles();
            current.keySet().removeIf(file -> !committed.containsKey(file) && ignored.contains(file));
        }
        return current;
    }

    private boolean isExportFolder(Path folder) throws IOException {
        return Files.isDirectory(folder) && folder.toRealPath().equals(folder().toRealPath());
    }

    /**
     * Writes HEAD's files of the export folder into {@code target} (an empty folder), so that an export synced over
     * it there (--check-only) keeps what the export does not own, as it would in the folder itself.
     */
    public void copyCommittedFolder(Path target) {
        try {
            for (Map.Entry<String, ObjectId> file : committedFiles().entrySet()) {
                Path destination = target.resolve(file.getKey()).normalize();
                if (!destination.startsWith(target)) {
                    continue; // git paths never escape, but a folder outside target must never be written
                }
                Files.createDirectories(destination.getParent());
                Files.write(destination, repository.open(file.getValue()).getBytes());
            }
        } catch (IOException e) {
            throw Failure.io("cannot copy " + path + " from HEAD into " + target + ": " + e.getMessage(), e);
        }
    }

    /** HEAD's files under the export folder, by path relative to it. */
    Map<String, ObjectId> committedFiles() throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head == null) {
            return Map.of();
        }
        // a run asks several times (open, the export check, the compare): HEAD's tree is walked once per commit
        if (!head.equals(committedAt)) {
            committed = java.util.Collections.unmodifiableMap(filesAt(head));
            committedAt = head.copy();
        }
        return committed;
    }

    /**
     * The commit's files under the export folder, by path relative to it; a symbolic link there is refused. Listed
     * by the git command where it answers (the export check 0.18 -> 0.13-0.15 s in a cold JVM: bench/RESULTS.md), else
     * by JGit.
     */
    private Map<String, ObjectId> filesAt(ObjectId commit) throws IOException {
        Optional<byte[]> output = GitCommand.output(gitCommand, repository.getDirectory().toPath(), workTree,
                List.of("ls-tree", "-r", "-z", "--full-tree", commit.name(), "--", path));
        Optional<Map<String, ObjectId>> listed = output.isPresent()
                ? filesListed(commit, new String(output.get(), java.nio.charset.StandardCharsets.UTF_8)) : Optional.empty();
        return listed.isPresent() ? listed.get() : filesWalked(commit);
    }

    /** git ls-tree -r -z: "MODE TYPE ID\tPATH" entries ended by NUL; empty when one is of another shape. */
    private Optional<Map<String, ObjectId>> filesListed(ObjectId commit, String output) throws IOException {
        Map<String, ObjectId> files = new TreeMap<>();
        for (String entry : output.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            int tab = entry.indexOf('\t');
            String[] head = tab < 0 ? new String[0] : entry.substring(0, tab).split(" ");
            if (head.length != 3 || !ObjectId.isId(head[2])) {
                return Optional.empty();
            }
            String file = entry.substring(tab + 1);
            if (!file.startsWith(path + "/")) {
                continue;
            }
            ObjectId id = ObjectId.fromString(head[2]);
            if (head[0].equals("120000")) {
                throw committedLink(commit, file, id);
            }
            if (head[1].equals("blob")) {
                files.put(file.substring(path.length() + 1), id);
            }
        }
        return Optional.of(files);
    }

    private Map<String, ObjectId> filesWalked(ObjectId commit) throws IOException {
        Map<String, ObjectId> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(commit);
            tree.addTree(revCommit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(path));
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.SYMLINK && tree.getPathString().startsWith(path + "/")) {
                    throw committedLink(revCommit, tree.getPathString(), tree.getObjectId(0));
                }
                if (mode.getObjectType() == Constants.OBJ_BLOB && tree.getPathString().startsWith(path + "/")) {
                    files.put(tree.getPathString().substring(path.length() + 1), tree.getObjectId(0));
                }
            }
        }
        return files;
    }

    private Failure committedLink(ObjectId commit, String file, ObjectId link) throws IOException {
        String target = new String(repository.open(link).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Failure(ExitCode.IO, file + " is committed as a symbolic link to " + target
                + " (commit " + commit.abbreviate(7).name() + "): the export never follows links inside its"
                + " folder; replace it with a real folder or file (or git rm " + file
                + ") and commit, then rerun; nothing was changed");
    }

    private Set<String> ignoredFiles() throws IOException {
        Set<String> ignored = new TreeSet<>();
        try (TreeWalk tree = new TreeWalk(repository)) {
            FileTreeIterator files = new FileTreeIterator(repository);
            tree.addTree(files);
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(path));
            while (tree.next()) {
                FileTreeIterator entry = tree.getTree(0, FileTreeIterator.class);
                if (entry != null && entry.isEntryIgnored() && tree.getPathString().startsWith(path + "/")) {
                    ignored.add(tree.getPathString().substring(path.length() + 1));
                }
            }
        }
        return ignored;
    }

    private Status status() {
        try (Git git = new Git(repository)) {
            return git.status().call();
        } catch (GitAPIException e) {
            throw new Failure(ExitCode.GIT, "cannot read the status of " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** Another git command (tests: one that does not exist, so that JGit reads the status and HEAD's files). */
    void useGitCommand(String command) {
        this.gitCommand = command;
    }

    private boolean isInside(String repoPath) {
        return repoPath.startsWith(path + "/");
    }

    /** The current commit; a repository without commits is a failure (commit a first export). */
    public String headCommit() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                throw new Failure(ExitCode.GIT, workTree + " has no commits yet: commit a first export "
                        + "(git add " + path + " && git commit) then rerun");
            }
            return head.name();
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot read HEAD in " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** The current branch's short name ("main"), or the commit id when HEAD is detached. */
    public String branch() {
        try {
            return repository.getBranch();
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot read HEAD in " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** The remote the current branch tracks, else "origin". */
    public String remoteName() {
        String remote = new BranchConfig(repository.getConfig(), branch()).getRemote();
        return remote == null || ".".equals(remote) ? Constants.DEFAULT_REMOTE_NAME : remote;
    }

    /** The URL of {@link #remoteName()}, credentials stripped; null when there is no such remote. */
    public String remoteUrl() {
        return remoteUrl(remoteName());
    }

    private String remoteUrl(String remote) {
        return RemoteUrls.withoutCredentials(repository.getConfig().getString("remote", remote, "url"));
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    @Override
    public void close() {
        repository.close();
    }
}
