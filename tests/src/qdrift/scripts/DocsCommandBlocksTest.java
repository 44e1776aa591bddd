package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import qdrift.testing.ProjectRoot;
import qdrift.testing.Shell;

/**
 * Every command block (```bash or ```sh) of README.md and docs/*.md stays tested: it parses as bash, every script it
 * runs (x.java or the installed qd-x) exists, and every option it passes is one that script takes under its current,
 * shown name (not a hidden old spelling). A block preceded by the line {@code <!-- untested: why -->} is exempt (e.g.
 * a crontab line or output shown as an example), and the reason is required.
 */
class DocsCommandBlocksTest {
    private static final Map<String, String> SCRIPTS = Map.of("export", "ExportCommand", "drift", "DriftCommand",
            "compare-envs", "CompareEnvsCommand", "notify", "NotifyCommand", "revert", "RevertCommand",
            "doctor", "DoctorCommand", "sandbox", "SandboxCommand");
    private static final Pattern FENCE = Pattern.compile("^```(bash|sh)\\s*$");
    private static final Pattern INVOCATION = Pattern.compile("(?<![\\w./-])(?:\\S*/)?(?:qd-([a-z-]+)|([a-z-]+)\\.java)(?=\\s|$)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[a-zA-Z][a-zA-Z0-9-]*");
    private static final Pattern EXEMPT = Pattern.compile("^<!-- untested: \\S.* -->$");

    record Block(Path file, int line, String text) {
        String where() {
            return ProjectRoot.get().relativize(file) + ":" + line;
        }
    }

    @Test
    void everyBlockParsesAsBash(@TempDir Path temp) throws IOException {
        List<Block> blocks = blocks();
        assertTrue(blocks.size() >= 15, "command blocks: " + blocks.size());
        for (Block block : blocks) {
            Path script = Files.writeString(temp.resolve("block.sh"), block.text());
            Shell.Result result = Shell.run(temp, Map.of(), List.of("bash", "-n", script.toString()));
            assertEquals(0, result.exitCode(), block.where() + ": " + result.err());
        }
    }

    @Test
    void everyScriptABlockRunsExistsAndTakesTheOptionsItIsGiven() throws IOException {
        Map<String, Set<String>> shown = new java.util.HashMap<>();
        int checked = 0;
        for (Block block : blocks()) {
            for (String command : commands(block.text())) {
                Matcher invocation = INVOCATION.matcher(command);
                if (!invocation.find()) {
                    continue;
                }
                String script = invocation.group(1) != null ? invocation.group(1) : invocation.group(2);
                if (!SCRIPTS.containsKey(script)) {
                    continue; // e.g. a user's own file name
                }
                assertTrue(Files.isRegularFile(ProjectRoot.get().resolve(script + ".java")), block.where() + ": no " + script + ".java");
                Set<String> options = shown.computeIfAbsent(script, s -> shownOptions(SCRIPTS.get(s)));
                Matcher option = OPTION.matcher(command.substring(invocation.end()).replaceAll("'[^']*'|\"[^\"]*\"", "''"));
                while (option.find()) {
                    String name = option.group();
                    if (name.startsWith("-") && !name.startsWith("--") && name.length() > 2) {
                        continue; // a value such as -1 or a single-dash word the shell passes on
                    }
                    assertTrue(options.contains(name), block.where() + ": " + script + ".java has no option " + name
                            + " (shown options: " + options + ")\n" + command);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 40, "options checked: " + checked);
    }

    @Test
    void theExemptionMarkerNamesAReason() throws IOException {
        for (Path file : files()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("<!-- untested")) {
                    assertTrue(EXEMPT.matcher(lines.get(i)).matches(), file + ":" + (i + 1) + ": say why: <!-- untested: why -->");
                    assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"), file + ":" + (i + 1) + ": the marker goes right above a block");
                }
            }
        }
    }

    /** The option names a script shows in --help (hidden old spellings excluded). */
    private static Set<String> shownOptions(String commandClass) {
        try {
            var constructor = Class.forName(commandClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            Set<String> names = new TreeSet<>();
            for (OptionSpec option : new CommandLine(constructor.newInstance()).getCommandSpec().options()) {
                if (!option.hidden()) {
                    names.addAll(Set.of(option.names()));
                }
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + commandClass, e);
        }
    }

    /** The block's commands: continuation lines joined, comments dropped, split at pipes, && , || and ;. */
    static List<String> commands(String block) {
        List<String> commands = new ArrayList<>();
        String joined = block.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String code = line.replaceAll("(^|\\s)#.*$", "");
            for (String part : code.split("\\|\\||&&|\\||;")) {
                if (!part.isBlank()) {
                    commands.add(part.strip());
                }
            }
        }
        return commands;
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!FENCE.matcher(lines.get(i)).matches()) {
                    continue;
                }
                boolean exempt = i > 0 && EXEMPT.matcher(lines.get(i - 1)).matches();
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (!exempt) {
                    blocks.add(new Block(file, start, text.toString()));
                }
            }
        }
        return blocks;
    }

    static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ProjectRoot.get().resolve("README.md")));
        try (Stream<Path> docs = Files.list(ProjectRoot.get().resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }
}
