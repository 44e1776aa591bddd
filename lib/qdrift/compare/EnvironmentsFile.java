//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

/**
 * environments.yaml: named sides and the name mapping between them. Relative folders and repositories are relative
 * to the file's own folder; a folder read at a ref is a path inside its repository. Tokens are never in this file,
 * only the names of the environment variables that hold them.
 * <pre>
 * environments:
 *   dev:      {url: https://dev.qualytics.io, token_env: DEV_TOKEN, datastore_ids: [1]}
 *   prod:     {url: https://prod.qualytics.io, token_env: PROD_TOKEN, datastore_ids: [99]}
 *   prod-git: {folder: qualytics-config, repo: ., ref: main}
 * map:
 *   datastores: {dev-warehouse: prod-warehouse}
 *   connections: {dev-pg: prod-pg}
 * </pre>
 */
public record EnvironmentsFile(Map<String, SideSpec> environments, NameMapping mapping) {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_KEYS = Set.of("environments", "map");
    private static final Set<String> SIDE_KEYS = Set.of("url", "token_env", "datastore_ids", "folder", "repo", "ref");
    private static final Set<String> MAP_KEYS = Set.of("datastores", "connections");

    public static EnvironmentsFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw Failure.io("cannot read environments file " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /** Parses the text of an environments file; source names it in errors, base resolves relative paths. */
    public static EnvironmentsFile parse(String yaml, String source, Path base) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new Failure(ExitCode.IO, source + line + ": not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw malformed(source, "expected a mapping with 'environments:' (and optionally 'map:')");
        }
        checkKeys(root, TOP_KEYS, source, "top level");
        Map<String, SideSpec> environments = new TreeMap<>();
        JsonNode envs = root.path("environments");
        if (!envs.isObject() || envs.isEmpty()) {
            throw malformed(source, "'environments' must map names (dev, prod, ...) to their url and token_env, or folder");
        }
        envs.fields().forEachRemaining(e -> environments.put(e.getKey(), side(e.getKey(), e.getValue(), source, base)));
        return new EnvironmentsFile(environments, mapping(root.path("map"), source));
    }

    /** The side of that name, or a usage failure listing the names the file has. */
    public SideSpec side(String name) {
        SideSpec side = environments.get(name);
        if (side == null) {
            throw Failure.usage("no environment '" + name + "' in the environments file: it has " + environments.keySet());
        }
        return side;
    }

    private static SideSpec side(String name, JsonNode node, String source, Path base) {
        String where = "environment '" + name + "'";
        if (!node.isObject()) {
            throw malformed(source, where + " must be a mapping such as {url: ..., token_env: ...} or {folder: ...}");
        }
        if (node.has("token")) {
            throw malformed(source, where + " holds a token: never write tokens here; put it in an environment variable"
                    + " and name that variable with token_env");
        }
        checkKeys(node, SIDE_KEYS, source, where);
        List<Long> ids = new ArrayList<>();
        JsonNode list = node.path("datastore_ids");
        if (list.isIntegralNumber()) {
            ids.add(list.asLong());
        } else if (list.isArray()) {
            for (JsonNode id : list) {
                if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                    throw malformed(source, where + ": datastore_ids must be numbers, not " + id);
                }
                ids.add(id.asLong());
            }
        } else if (!list.isMissingNode() && !list.isNull()) {
            throw malformed(source, where + ": datastore_ids must be a list of numbers such as [1, 2]");
        }
        String ref = text(node, "ref", source, where);
        String folder = text(node, "folder", source, where);
        String repo = text(node, "repo", source, where);
        if (folder != null && ref == null) {
            folder = base.resolve(folder).normalize().toString();
        }
        Path repoPath = repo == null ? (ref == null ? null : base) : base.resolve(repo).normalize();
        return new SideSpec(name, text(node, "url", source, where), text(node, "token_env", source, where), ids, folder,
                repoPath, ref);
    }

    private static NameMapping mapping(JsonNode node, String source) {
        if (node.isMissingNode() || node.isNull()) {
            return NameMapping.none();
        }
        if (!node.isObject()) {
            throw malformed(source, "'map' must hold 'datastores' and/or 'connections', each mapping left names to right names");
        }
        checkKeys(node, MAP_KEYS, source, "map");
        return new NameMapping(pairs(node.path("datastores"), source, "map.datastores"),
                pairs(node.path("connections"), source, "map.connections"));
    }

    private static Map<String, String> pairs(JsonNode node, String source, String where) {
        Map<String, String> pairs = new TreeMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return pairs;
        }
        if (!node.isObject()) {
            throw malformed(source, where + " must map left names to right names, e.g. {dev-pg: prod-pg}");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw malformed(source, where + "." + e.getKey() + " must be the right side's name");
            }
            pairs.put(e.getKey(), e.getValue().asText());
        });
        return pairs;
    }

    private static String text(JsonNode node, String key, String source, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw malformed(source, where + ": '" + key + "' must be a single value");
        }
        return value.asText();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String source, String where) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw malformed(source, "unknown key '" + key + "' in " + where + ": use " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private static Failure malformed(String source, String message) {
        return new Failure(ExitCode.IO, source + ": " + message);
    }
}
