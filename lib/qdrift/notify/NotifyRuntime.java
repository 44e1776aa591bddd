package qdrift.notify;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What notify.java reads from the world besides its arguments: environment, stdin, clock and sleeping.
 * The script uses {@link #system()}; tests install their own with {@link #install(NotifyRuntime)} so that
 * secrets come from a map instead of the real environment and retries need not wait.
 */
public record NotifyRuntime(Function<String, String> env, InputStream stdin, boolean stdinIsTerminal, Clock clock, Sleeper sleeper) {

    /** Waits between retries; tests record the waits instead. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static volatile NotifyRuntime installed;

    public static NotifyRuntime system() {
        return new NotifyRuntime(System::getenv, System.in, System.console() != null, Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** The runtime for this run: the installed one (tests) or the real system. */
    public static NotifyRuntime current() {
        NotifyRuntime runtime = installed;
        return runtime != null ? runtime : system();
    }

    public static void install(NotifyRuntime runtime) {
        installed = runtime;
    }

    public static void uninstall() {
        installed = null;
    }

    public static NotifyRuntime forTests(Map<String, String> env, InputStream stdin, Clock clock) {
        return new NotifyRuntime(env::get, stdin, false, clock, duration -> { });
    }

    public String getenv(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
