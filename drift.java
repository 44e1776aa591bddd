///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
//MAIN DriftCommand

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;

@Command(name = "drift", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check whether the live Qualytics configuration has drifted from what is committed in Git.")
class DriftCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        System.exit(Cli.run(new DriftCommand(), args));
    }

    @Override
    public Integer call() {
        throw new Failure(ExitCode.INTERNAL, "drift is not built yet");
    }
}
