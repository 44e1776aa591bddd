//DEPS org.eclipse.jgit:org.eclipse.jgit:7.1.0.202411261347-r
package qdrift.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/** The files under a folder of a git repository as committed at a ref (branch, tag or commit), without a checkout. */
public final class FilesAtRef {
    private FilesAtRef() {
    }

    /** The resolved commit id and the bytes of every file under path, keyed by their path relative to path. */
    public record Tree(String commit, SortedMap<String, byte[]> files) {
    }

    public static Tree read(Path repo, String ref, String path) {
        String folder = path == null ? "" : path.replace('\\', '/').replaceAll("^(\\./)+|/+$", "");
        try (Repository repository = open(repo); RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(ref);
            if (id == null) {
                throw new Failure(ExitCode.GIT, "unknown git ref '" + ref + "' in " + repo + ": check the branch, tag or commit name");
            }
            RevCommit commit = walk.parseCommit(id);
            SortedMap<String, byte[]> files = new TreeMap<>();
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                if (!folder.isEmpty() && !folder.equals(".")) {
                    tree.setFilter(PathFilter.create(folder));
                }
                String prefix = folder.isEmpty() || folder.equals(".") ? "" : folder + "/";
                while (tree.next()) {
                    String file = tree.getPathString();
                    if (file.startsWith(prefix) && tree.getFileMode(0) == FileMode.SYMLINK) {
                        throw new Failure(ExitCode.IO, file + " is committed as a symbolic link at " + ref + " in " + repo
                                + ": links inside an export folder are never followed; replace it with a real folder or"
                                + " file (or git rm " + file + ") and commit");
                    }
                    if (file.startsWith(prefix)) {
                        files.put(file.substring(prefix.length()), repository.open(tree.getObjectId(0)).getBytes());
                    }
                }
            }
            if (files.isEmpty()) {
                throw new Failure(ExitCode.GIT, "nothing is committed under '" + folder + "' at " + ref + " in " + repo
                        + ": check the folder and the ref");
            }
            return new Tree(commit.getName(), files);
        } catch (IOException e) {
            throw new Failure(ExitCode.GIT, "cannot read " + folder + " at " + ref + " in " + repo + ": " + e.getMessage(), e);
        }
    }

    private static Repository open(Path repo) throws IOException {
        Failure notARepository = new Failure(ExitCode.GIT, repo + " is not a git repository: give the repository holding the export");
        if (!java.nio.file.Files.isDirectory(repo)) {
            throw notARepository;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).findGitDir(repo.toFile());
        if (builder.getGitDir() == null) {
            if (!java.nio.file.Files.isDirectory(repo.resolve("objects"))) {
                throw notARepository;
            }
            builder.setGitDir(repo.toFile()); // a bare repository
        }
        return builder.build();
    }
}
