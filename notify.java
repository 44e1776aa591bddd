///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
//MAIN NotifyCommand

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import qdrift.cli.Cli;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.OutputOptions;
import qdrift.cli.Version;

@Command(name = "notify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Send a drift report to Slack, Teams, PagerDuty, email or a webhook.")
class NotifyCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    public static void main(String... args) {
        System.exit(Cli.run(new NotifyCommand(), args));
    }

    @Override
    public Integer call() {
        throw new Failure(ExitCode.INTERNAL, "notify is not built yet");
    }
}
