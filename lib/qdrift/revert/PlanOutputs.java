package qdrift.revert;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import qdrift.cli.Failure;
import qdrift.report.ReportOutputs;

/** Where a plan goes: {@code -o text} (default), {@code -o json}, {@code -o json=plan.json}; at most one to stdout. */
public final class PlanOutputs {
    public record Output(boolean json, Path file) {
        static Output parse(String spec) {
            int eq = spec.indexOf('=');
            String name = (eq < 0 ? spec : spec.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("text") && !name.equals("json")) {
                throw Failure.usage("unknown plan format '" + name + "' in -o " + spec + ": use text or json");
            }
            if (eq >= 0 && spec.substring(eq + 1).isBlank()) {
                throw Failure.usage("-o " + spec + " names no file: use -o " + name + "=FILE, or -o " + name + " for stdout");
            }
            return new Output(name.equals("json"), eq < 0 ? null : Path.of(spec.substring(eq + 1).trim()));
        }
    }

    private PlanOutputs() {
    }

    public static List<Output> parseAll(List<String> specs) {
        List<Output> outputs = specs.isEmpty() ? List.of(new Output(false, null)) : specs.stream().map(Output::parse).toList();
        if (outputs.stream().filter(o -> o.file() == null).count() > 1) {
            throw Failure.usage("only one output can go to stdout: give the others a file, e.g. -o json=plan.json");
        }
        return outputs;
    }

    public static void writeAll(List<Output> outputs, RevertPlan plan, PrintWriter stdout) {
        for (Output output : outputs) {
            String rendered = output.json() ? PlanJson.write(plan) : PlanText.render(plan);
            if (output.file() == null) {
                stdout.print(rendered);
                stdout.flush();
            } else {
                ReportOutputs.writeFile(output.file(), rendered);
            }
        }
    }
}
