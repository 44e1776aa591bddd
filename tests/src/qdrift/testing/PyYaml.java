package qdrift.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * PyYAML's safe_load, a standard YAML 1.1 reader, as a second opinion on our files: run through python3 when it
 * has PyYAML. Values come back as JSON (anything JSON cannot hold, such as a date, as a "NOT-JSON:..." string).
 */
public final class PyYaml {
    private static final String LOADER = """
            import json, os, sys, yaml
            folder, names = sys.argv[1], open(sys.argv[2], encoding='utf-8').read().split('\\n')
            out = [yaml.safe_load(open(os.path.join(folder, n), encoding='utf-8')) for n in names]
            sys.stdout.write(json.dumps(out, default=lambda o: 'NOT-JSON:' + type(o).__name__ + ':' + str(o)))
            """;

    private PyYaml() {
    }

    public static boolean available() {
        try {
            java.lang.Process p = new ProcessBuilder("python3", "-c", "import yaml").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Loads each file (relative to folder) with safe_load, in order; scratch is a folder for the script. */
    public static List<JsonNode> load(Path folder, List<String> files, Path scratch) throws IOException, InterruptedException {
        Path list = Files.writeString(scratch.resolve("pyyaml-files.txt"), String.join("\n", files), StandardCharsets.UTF_8);
        Path script = Files.writeString(scratch.resolve("pyyaml-load.py"), LOADER);
        java.lang.Process python = new ProcessBuilder("python3", script.toString(), folder.toString(), list.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output = python.getInputStream().readAllBytes();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0, "PyYAML could not load the files");
        JsonNode loaded = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(output);
        List<JsonNode> values = new ArrayList<>();
        loaded.forEach(values::add);
        return values;
    }

    /** A JSON value as plain Java values (sorted maps, numbers as stripped BigDecimal), to compare two readers. */
    public static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(f -> map.put(f.getKey(), plain(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (node.isNumber()) {
            return stripped(node.decimalValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    public static BigDecimal stripped(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
}
