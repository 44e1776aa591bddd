package qdrift.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a read-only git command on the repository JGit opened, for what git answers many times faster than JGit does
 * in a cold JVM (the status and HEAD's file list of a 5,590-file export: bench/RESULTS.md). The git folder and work
 * tree are named explicitly and none of the caller's GIT_ variables is passed on, so git reads that very repository;
 * pathspecs are literal; no optional lock is taken (a status never rewrites the index). Empty when there is no git
 * command, when it fails (an old git, a repository it calls of dubious ownership) or when it outlasts
 * {@value #WAIT_SECONDS} s: the caller then asks JGit.
 */
final class GitCommand {
    /** Longer than any read of a work tree the export fits in. */
    static final long WAIT_SECONDS = 30;

    private GitCommand() {
    }

    static Optional<byte[]> output(String git, Path gitDir, Path workTree, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(git, "--git-dir=" + gitDir, "--work-tree=" + workTree,
                "--no-optional-locks", "--literal-pathspecs"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workTree.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("GIT_"));
        environment.put("GIT_OPTIONAL_LOCKS", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException noGit) {
            return Optional.empty();
        }
        // read beside the wait, so that a git that hangs is given up at the deadline, not waited for forever
        FutureTask<byte[]> reading = new FutureTask<>(() -> process.getInputStream().readAllBytes());
        Thread reader = new Thread(reading, "qdrift-git-command");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(reading.get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
