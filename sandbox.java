///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
//MAIN SandboxCommand

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;

@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve a stateful fake of the Qualytics API on loopback, for demos, tests and benchmarks.")
class SandboxCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        System.exit(Cli.run(new SandboxCommand(), args));
    }

    @Override
    public Integer call() {
        throw new Failure(ExitCode.INTERNAL, "sandbox is not built yet");
    }
}
