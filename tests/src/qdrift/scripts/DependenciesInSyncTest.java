package qdrift.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import qdrift.testing.ProjectRoot;

/** The tests compile the scripts with tests/pom.xml: its dependencies must be what JBang resolves from //DEPS. */
class DependenciesInSyncTest {
    private static final Pattern DEPS = Pattern.compile("^//DEPS\\s+(\\S+):(\\S+):(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void everyDepsLineMatchesThePomVersion() throws IOException {
        Path root = ProjectRoot.get();
        Map<String, String> declared = new TreeMap<>();
        try (Stream<Path> files = Stream.concat(Files.list(root), Files.walk(root.resolve("lib")))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = DEPS.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1) + ":" + m.group(2);
                    String previous = declared.put(key, m.group(3));
                    assertTrue(previous == null || previous.equals(m.group(3)),
                            key + " is declared with two versions: " + previous + " and " + m.group(3) + " (" + file + ")");
                }
            }
        }
        assertTrue(declared.size() >= 2, "found //DEPS lines: " + declared);
        String pom = Files.readString(root.resolve("tests/pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher prop = Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</").matcher(pom);
        while (prop.find()) {
            properties.put(prop.group(1), prop.group(2));
        }
        Matcher dep = Pattern.compile("<groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>([^<]+)</version>").matcher(pom);
        Map<String, String> inPom = new TreeMap<>();
        while (dep.find()) {
            String version = dep.group(3);
            if (version.startsWith("${")) {
                version = properties.get(version.substring(2, version.length() - 1));
            }
            inPom.put(dep.group(1) + ":" + dep.group(2), version);
        }
        declared.forEach((artifact, version) ->
                assertEquals(version, inPom.get(artifact), artifact + ": //DEPS and tests/pom.xml disagree"));
    }
}
