//DEPS info.picocli:picocli:4.7.7
package qdrift.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import qdrift.cli.Failure;

/**
 * The two sides on the command line (mixed in with @Mixin): a name from the environments file, or the side spelled
 * out with --left-* / --right-* flags. A token is never taken as a value: only the variable or the file holding it.
 */
public class SideOptions {
    @Option(names = "--left", paramLabel = "NAME", description = "Left side (before): an environment of --envs.")
    String leftName;

    @Option(names = "--right", paramLabel = "NAME", description = "Right side (after): an environment of --envs.")
    String rightName;

    @Option(names = "--envs", paramLabel = "FILE", description = "environments.yaml: named sides and the name map.")
    Path envs;

    @Option(names = "--left-url", paramLabel = "URL", description = "Left Qualytics URL.")
    String leftUrl;

    @Option(names = "--left-token-env", paramLabel = "VAR", description = "Environment variable holding the left token.")
    String leftTokenEnv;

    @Option(names = "--left-token-file", paramLabel = "FILE", description = "Read the left token from FILE (first line), as --token-file elsewhere.")
    Path leftTokenFile;

    @Option(names = "--left-datastore-id", paramLabel = "ID", description = "Left datastore (repeatable; default: all).")
    List<Long> leftDatastoreIds = new ArrayList<>();

    @Option(names = "--left-folder", paramLabel = "DIR", description = "Left export folder (a path in --left-repo with --left-ref).")
    String leftFolder;

    @Option(names = "--left-repo", paramLabel = "DIR", description = "Git repository of --left-folder (default: current folder).")
    Path leftRepo;

    @Option(names = "--left-ref", paramLabel = "REF", description = "Read --left-folder as committed at REF (branch, tag, commit).")
    String leftRef;

    @Option(names = "--right-url", paramLabel = "URL", description = "Right Qualytics URL.")
    String rightUrl;

    @Option(names = "--right-token-env", paramLabel = "VAR", description = "Environment variable holding the right token.")
    String rightTokenEnv;

    @Option(names = "--right-token-file", paramLabel = "FILE", description = "Read the right token from FILE (first line), as --token-file elsewhere.")
    Path rightTokenFile;

    @Option(names = "--right-datastore-id", paramLabel = "ID", description = "Right datastore (repeatable; default: all).")
    List<Long> rightDatastoreIds = new ArrayList<>();

    @Option(names = "--right-folder", paramLabel = "DIR", description = "Right export folder (a path in --right-repo with --right-ref).")
    String rightFolder;

    @Option(names = "--right-repo", paramLabel = "DIR", description = "Git repository of --right-folder (default: current folder).")
    Path rightRepo;

    @Option(names = "--right-ref", paramLabel = "REF", description = "Read --right-folder as committed at REF (branch, tag, commit).")
    String rightRef;

    /** The environments file, or null when --envs is not given. */
    public EnvironmentsFile environments() {
        return envs == null ? null : EnvironmentsFile.read(envs);
    }

    public SideSpec left(EnvironmentsFile file) {
        return side("left", leftName, file, new SideSpec("left", leftUrl, leftTokenEnv, leftDatastoreIds, leftFolder,
                leftRepo == null && leftRef != null ? Path.of(".") : leftRepo, leftRef, leftTokenFile));
    }

    public SideSpec right(EnvironmentsFile file) {
        return side("right", rightName, file, new SideSpec("right", rightUrl, rightTokenEnv, rightDatastoreIds,
                rightFolder, rightRepo == null && rightRef != null ? Path.of(".") : rightRepo, rightRef, rightTokenFile));
    }

    private static SideSpec side(String which, String name, EnvironmentsFile file, SideSpec flags) {
        boolean anyFlag = flags.url() != null || flags.tokenEnv() != null || flags.tokenFile() != null || !flags.datastoreIds().isEmpty()
                || flags.folder() != null || flags.repo() != null || flags.ref() != null;
        if (name == null) {
            if (!anyFlag) {
                throw Failure.usage("no " + which + " side: pass --" + which + " NAME with --envs FILE, or --" + which
                        + "-url with --" + which + "-token-env, or --" + which + "-folder");
            }
            return flags.validated();
        }
        if (anyFlag) {
            throw Failure.usage("--" + which + " " + name + " comes from the environments file: drop the --" + which + "-* flags");
        }
        if (file == null) {
            throw Failure.usage("--" + which + " " + name + " needs --envs FILE to say what '" + name + "' is");
        }
        return file.side(name).validated();
    }
}
