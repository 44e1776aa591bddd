///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
//MAIN ExportCommand

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Export the live Qualytics configuration as deterministic YAML files.")
class ExportCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        System.exit(Cli.run(new ExportCommand(), args));
    }

    @Override
    public Integer call() {
        throw new Failure(ExitCode.INTERNAL, "export is not built yet");
    }
}
