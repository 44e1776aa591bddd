package qdrift.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;
import qdrift.report.PullRequestRef;

/**
 * Proposes the drifted export as a pull request without touching the user's branch, index or work tree: one commit
 * on top of HEAD whose tree is HEAD's with the export folder replaced by the snapshot, pushed (with the token as
 * credentials for that push only) to a branch {@code <prefix><UTC minute>}, e.g. {@code drift/2026-11-27T2304Z}.
 * While a drift pull request is open, later runs force-push (with lease) a fresh commit on HEAD onto its branch and
 * update its body, so there is never more than one. ssh remotes are pushed to over https on the same host.
 */
public final class DriftPullRequest {
    public static final String DEFAULT_PREFIX = "drift/";
    public static final int MAX_BODY_CHARS = 65_536;
    static final String TRUNCATED_NOTE = "\n\n... report truncated; see the full report in the CI logs";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern SSH_URL = Pattern.compile("(?:ssh://)?(?:[^@/]+@)?([^:/]+)(?::\\d+)?[:/](.+)");

    private final GitWorkspace workspace;
    private final Forge forge;
    private final GitToken token;
    private final String prefix;
    private final Clock clock;
    private final Log log;

    public DriftPullRequest(GitWorkspace workspace, GitHubClient github, GitHubRepo repo, GitToken token,
                            String branchPrefix, Clock clock, Log log) {
        this(workspace, github.forge(repo), token, branchPrefix, clock, log);
    }

    /** A drift review on any forge (GitHub pull requests, GitLab merge requests). */
    public DriftPullRequest(GitWorkspace workspace, Forge forge, GitToken token, String branchPrefix, Clock clock, Log log) {
        if (branchPrefix == null || branchPrefix.isBlank() || !Repository.isValidRefName("refs/heads/" + branchPrefix + "x")) {
            throw Failure.usage("'" + branchPrefix + "' is not a usable branch prefix: use one like " + DEFAULT_PREFIX);
        }
        this.workspace = workspace;
        this.forge = forge;
        this.token = token;
        this.prefix = branchPrefix;
        this.clock = clock;
        this.log = log;
    }

    /** Commits the export folder as it is in the work tree and opens or updates the pull request. */
    public PullRequestRef submit(String title, String body) {
        return submit(workspace.folder(), title, body);
    }

    /** Commits {@code snapshot} (a folder laid out like the export folder) and opens or updates the pull request. */
    public PullRequestRef submit(Path snapshot, String title, String body) {
        String base = baseBranch();
        Optional<Forge.Review> open = forge.findOpen(prefix);
        String branch = open.map(Forge.Review::branch)
                .orElseGet(() -> branchName(prefix, clock.instant()));
        ObjectId commit = commitSnapshot(snapshot);
        push(commit, branch);
        String fitted = fitBody(body, forge.maxBodyChars());
        if (open.isPresent()) {
            Forge.Review updated = forge.updateBody(open.get().number(), fitted);
            log.info("updated " + forge.reviewName() + " #" + updated.number() + " (" + branch + "): " + updated.url());
            return new PullRequestRef(updated.url(), updated.number(), branch, "updated");
        }
        Forge.Review created = forge.create(title, branch, base, fitted);
        log.info("opened " + forge.reviewName() + " #" + created.number() + " (" + branch + " into " + base + "): " + created.url());
        return new PullRequestRef(created.url(), created.number(), branch, "opened");
    }

    /** {@code drift/2026-11-27T2304Z} for 23:04 UTC. */
    public static String branchName(String prefix, Instant when) {
        return prefix + STAMP.format(when);
    }

    /** The body itself, or cut (on a character boundary) so that with the note it stays below GitHub's limit. */
    public static String fitBody(String body) {
        return fitBody(body, MAX_BODY_CHARS);
    }

    /** As above, below {@code max} characters. */
    public static String fitBody(String body, int max) {
        if (body.length() < max) {
            return body;
        }
        int keep = max - 1 - TRUNCATED_NOTE.length();
        if (Character.isHighSurrogate(body.charAt(keep - 1))) {
            keep--;
        }
        return body.substring(0, keep) + TRUNCATED_NOTE;
    }

    private String baseBranch() {
        try {
            String full = workspace.repository().getFullBranch();
            if (full == null || !full.startsWith(Constants.R_HEADS)) {
                throw new Failure(ExitCode.GIT, "HEAD is detached in " + workspace.workTree()
                        + ": check out the branch the drift pull request should target");
            }
            return Repository.shortenRefName(full);
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot read HEAD in " + workspace.workTree() + ": " + e.getMessage(), e);
        }
    }

    private ObjectId commitSnapshot(Path snapshot) {
        Repository repository = workspace.repository();
        String path = workspace.path();
        ObjectId head = ObjectId.fromString(workspace.headCommit());
        try (ObjectInserter inserter = repository.newObjectInserter();
             RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            RevCommit headCommit = walk.parseCommit(head);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            Map<String, FileMode> committedModes = new java.util.HashMap<>();
            tree.addTree(headCommit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String file = tree.getPathString();
                if (file.startsWith(path + "/")) {
                    committedModes.put(file, tree.getFileMode(0));
                } else {
                    builder.add(entry(file, tree.getFileMode(0), tree.getObjectId(0)));
                }
            }
            SortedMap<String, Path> files = workspace.snapshotFiles(snapshot);
            for (Map.Entry<String, Path> file : files.entrySet()) {
                String repoPath = path + "/" + file.getKey();
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file.getValue()));
                FileMode mode = committedModes.getOrDefault(repoPath, FileMode.REGULAR_FILE);
                builder.add(entry(repoPath, mode == FileMode.EXECUTABLE_FILE ? mode : FileMode.REGULAR_FILE, blob));
            }
            builder.finish();
            ObjectId treeId = index.writeTree(inserter);
            if (treeId.equals(headCommit.getTree())) {
                throw new Failure(ExitCode.GIT, snapshot + " matches HEAD: there is no drift to propose");
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setParentId(head);
            PersonIdent ident = identity(repository);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("drift: snapshot of " + path + " from " + clock.instant().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS) + "\n\nProposed by qualytics-drift: the live Qualytics "
                    + "configuration differs from what is committed.\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot commit the drift snapshot in " + workspace.workTree() + ": "
                    + e.getMessage(), e);
        }
    }

    private static DirCacheEntry entry(String path, FileMode mode, ObjectId id) {
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(mode);
        entry.setObjectId(id);
        return entry;
    }

    private PersonIdent identity(Repository repository) {
        UserConfig user = repository.getConfig().get(UserConfig.KEY);
        String name = user.isAuthorNameImplicit() ? "qualytics-drift" : user.getAuthorName();
        String email = user.isAuthorEmailImplicit() ? "qualytics-drift@localhost" : user.getAuthorEmail();
        return new PersonIdent(name, email, clock.instant(), ZoneOffset.UTC);
    }

    /** Pushes with a lease: the branch must still be where we saw it (or absent), so nobody's push is lost. */
    private void push(ObjectId commit, String branch) {
        String ref = Constants.R_HEADS + branch;
        String remote = workspace.remoteName();
        try (Transport transport = openTransport(remote)) {
            transport.setCredentialsProvider(token.credentials(forge.pushUser()));
            transport.setTimeout(workspace.transportTimeoutSeconds());
            ObjectId seen;
            try (FetchConnection connection = transport.openFetch()) {
                Ref current = connection.getRef(ref);
                seen = current == null ? ObjectId.zeroId() : current.getObjectId();
            }
            RemoteRefUpdate update = new RemoteRefUpdate(workspace.repository(), commit.name(), ref, true, null, seen);
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate.Status status = result.getRemoteUpdate(ref).getStatus();
            if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                String why = result.getRemoteUpdate(ref).getMessage();
                throw new Failure(ExitCode.GIT, "the push of " + branch + " to " + remote + " was rejected (" + status
                        + (why == null ? "" : ": " + RemoteUrls.withoutCredentials(why))
                        + "): someone else may have pushed to it; rerun, or check the token's contents permission");
            }
            log.info("pushed " + commit.abbreviate(7).name() + " to " + remote + " " + branch);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            if (e instanceof Failure failure) {
                throw failure;
            }
            Failure silent = workspace.silentRemote("push", remote, e);
            if (silent != null) {
                throw silent;
            }
            throw new Failure(ExitCode.GIT, "cannot push " + branch + " to " + remote + ": "
                    + RemoteUrls.withoutCredentials(e.getMessage()) + ": check the network, the remote URL and GIT_TOKEN", e);
        }
    }

    /** The remote as configured, but an ssh URL as https on the same host: the token authenticates over https. */
    private Transport openTransport(String remote) throws IOException, URISyntaxException {
        String url = workspace.repository().getConfig().getString("remote", remote, "url");
        if (url == null) {
            throw new Failure(ExitCode.GIT, "the repository has no remote " + remote
                    + ": add one (git remote add origin https://github.com/OWNER/REPO.git)");
        }
        boolean ssh = url.startsWith("ssh://") || url.startsWith("git@") || url.matches("[^/@:]+@[^/:]+:.*");
        Matcher m = SSH_URL.matcher(url);
        if (ssh && m.matches()) {
            String https = "https://" + m.group(1) + "/" + m.group(2).replaceFirst("^/", "");
            log.debug("pushing over " + https + " instead of the ssh remote " + RemoteUrls.withoutCredentials(url));
            return Transport.open(workspace.repository(), new URIish(https));
        }
        return Transport.open(workspace.repository(), remote);
    }
}
