package qdrift.export;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qdrift.model.ResourceType;

/**
 * Where each resource lives in an export folder, the official CLI's layout:
 * <pre>
 * connections/&lt;slug&gt;.yaml
 * datastores/&lt;ds&gt;/_datastore.yaml
 * datastores/&lt;ds&gt;/containers/&lt;c&gt;/_container.yaml
 * datastores/&lt;ds&gt;/containers/&lt;c&gt;/computed_fields/&lt;slug&gt;.yaml
 * datastores/&lt;ds&gt;/checks/&lt;c&gt;/&lt;rule&gt;__&lt;fields&gt;.yaml
 * </pre>
 * Every path segment is a slug ([a-z0-9_] only), so no name can place a file outside the folder. Any other file
 * (README.md, .driftignore, a manifest, notes) is not managed: the export never writes, reads or deletes it.
 */
public final class ExportLayout {
    private static final String SEGMENT = "([a-z0-9_]+)";
    private static final Pattern CONNECTION = Pattern.compile("connections/" + SEGMENT + "\\.yaml");
    private static final Pattern DATASTORE = Pattern.compile("datastores/" + SEGMENT + "/_datastore\\.yaml");
    private static final Pattern CONTAINER =
            Pattern.compile("datastores/" + SEGMENT + "/containers/" + SEGMENT + "/_container\\.yaml");
    private static final Pattern COMPUTED_FIELD = Pattern.compile(
            "datastores/" + SEGMENT + "/containers/" + SEGMENT + "/computed_fields/" + SEGMENT + "\\.yaml");
    private static final Pattern CHECK =
            Pattern.compile("datastores/" + SEGMENT + "/checks/" + SEGMENT + "/" + SEGMENT + "\\.yaml");
    private static final Pattern SLUG = Pattern.compile(SEGMENT);

    private ExportLayout() {
    }

    /** The resource a relative path ("/"-separated) holds, or empty for a file the export does not manage. */
    public static Optional<LayoutPath> identify(String relativePath) {
        String path = relativePath.replace('\\', '/');
        Matcher m;
        if ((m = CONNECTION.matcher(path)).matches()) {
            return Optional.of(new LayoutPath(ResourceType.CONNECTIONS, null, null, m.group(1)));
        }
        if ((m = DATASTORE.matcher(path)).matches()) {
            return Optional.of(new LayoutPath(ResourceType.DATASTORES, m.group(1), null, null));
        }
        if ((m = CONTAINER.matcher(path)).matches()) {
            return Optional.of(new LayoutPath(ResourceType.CONTAINERS, m.group(1), m.group(2), null));
        }
        if ((m = COMPUTED_FIELD.matcher(path)).matches()) {
            return Optional.of(new LayoutPath(ResourceType.COMPUTED_FIELDS, m.group(1), m.group(2), m.group(3)));
        }
        if ((m = CHECK.matcher(path)).matches()) {
            return Optional.of(new LayoutPath(ResourceType.CHECKS, m.group(1), m.group(2), m.group(3)));
        }
        return Optional.empty();
    }

    public static boolean isManaged(String relativePath) {
        return identify(relativePath).isPresent();
    }

    public static String connection(String slug) {
        return "connections/" + checked(slug) + ".yaml";
    }

    public static String datastore(String datastoreSlug) {
        return "datastores/" + checked(datastoreSlug) + "/_datastore.yaml";
    }

    public static String container(String datastoreSlug, String containerSlug) {
        return "datastores/" + checked(datastoreSlug) + "/containers/" + checked(containerSlug) + "/_container.yaml";
    }

    public static String computedField(String datastoreSlug, String containerSlug, String fieldSlug) {
        return "datastores/" + checked(datastoreSlug) + "/containers/" + checked(containerSlug)
                + "/computed_fields/" + checked(fieldSlug) + ".yaml";
    }

    public static String check(String datastoreSlug, String containerSlug, String fileStem) {
        return "datastores/" + checked(datastoreSlug) + "/checks/" + checked(containerSlug) + "/"
                + checked(fileStem) + ".yaml";
    }

    private static String checked(String segment) {
        if (segment == null || !SLUG.matcher(segment).matches()) {
            throw new IllegalArgumentException("not a slug, refusing to build a path from it: '" + segment + "'");
        }
        return segment;
    }
}
