///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
//MAIN CompareEnvsCommand

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;

@Command(name = "compare-envs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compare the configuration of two Qualytics environments, ignoring expected differences.")
class CompareEnvsCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        System.exit(Cli.run(new CompareEnvsCommand(), args));
    }

    @Override
    public Integer call() {
        throw new Failure(ExitCode.INTERNAL, "compare-envs is not built yet");
    }
}
