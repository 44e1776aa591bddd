package qdrift.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script's main in a child JVM on the test classpath, its stdout sent where a shell redirect would send it
 * (e.g. /dev/full): what only a real file descriptor shows.
 */
public record ChildJvm(int exitCode, String err) {
    public static ChildJvm run(String mainClass, File stdout, String... args) {
        return run(mainClass, stdout, java.util.Map.of(), args);
    }

    /** The same, with {@code env} added to the child's environment. */
    public static ChildJvm run(String mainClass, File stdout, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(mainClass + " did not end within 120 s");
            }
            return new ChildJvm(process.exitValue(), err);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stderr ---\n" + err;
    }
}
