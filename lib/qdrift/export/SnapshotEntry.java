//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
package qdrift.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Objects;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.CanonicalYaml;
import qdrift.model.LiveAttribution;
import qdrift.model.ResourceType;

/**
 * One exported resource: its type, display names (datastore and container are null where not applicable), its own
 * name (for a check: its uid) and its canonical body: what its file holds, without the explicit null, [] and {} of
 * the keys the server has nothing for (format 2 writes them, {@link qdrift.model.WriteKeys}; reading drops them).
 * attribution is who last changed it and when, as the live response said (NONE for a resource read from files); it
 * is never written to the file, so two entries are equal when their files are, whoever edited them.
 *
 * <p>An entry holds either its body (read from files, built by a test) or only the bytes of its file (an export:
 * a 200,000-check tenant would otherwise keep a million JSON nodes alive). {@link #body} of a rendered entry parses
 * those bytes back on every call: callers that need the body of every entry (compare, revert) pay one parse per
 * call; drift needs bodies of changed files only.
 */
public final class SnapshotEntry {
    private final ResourceType type;
    private final String datastore;
    private final String container;
    private final String name;
    /** null for a rendered entry */
    private final ObjectNode body;
    /** null for an entry built from a body */
    private final byte[] rendered;
    private final LiveAttribution attribution;

    public SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body,
                         LiveAttribution attribution) {
        this(type, datastore, container, name, Objects.requireNonNull(body, "body"), null, attribution);
    }

    /** An entry without live attribution (read from files, or built by a test). */
    public SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body) {
        this(type, datastore, container, name, body, LiveAttribution.NONE);
    }

    private SnapshotEntry(ResourceType type, String datastore, String container, String name, ObjectNode body,
                          byte[] rendered, LiveAttribution attribution) {
        this.type = type;
        this.datastore = datastore;
        this.container = container;
        this.name = name;
        this.body = body;
        this.rendered = rendered;
        this.attribution = attribution == null ? LiveAttribution.NONE : attribution;
    }

    /** The same entry holding only its file's bytes (rendered here unless it already is): its body is dropped. */
    public SnapshotEntry rendering() {
        return rendered != null ? this : new SnapshotEntry(type, datastore, container, name, null, bytes(), attribution);
    }

    public ResourceType type() {
        return type;
    }

    public String datastore() {
        return datastore;
    }

    public String container() {
        return container;
    }

    public String name() {
        return name;
    }

    public LiveAttribution attribution() {
        return attribution;
    }

    /** The canonical body; a rendered entry parses its bytes back (a new tree each call: changing it changes nothing). */
    public ObjectNode body() {
        if (body != null) {
            return body;
        }
        JsonNode parsed = CanonicalYaml.read(rendered, name == null ? type.id() : type.id() + " " + name);
        if (!(parsed instanceof ObjectNode object)) {
            throw new Failure(ExitCode.INTERNAL, "internal error: the rendered " + type.id() + " " + name + " is not a mapping");
        }
        return object;
    }

    /** The bytes of this entry's file (rendered on each call for an entry built from a body; never change them). */
    public byte[] bytes() {
        return rendered != null ? rendered : CanonicalYaml.writeResource(type, body);
    }

    /** Whether this entry holds only its bytes. */
    boolean isRendered() {
        return rendered != null;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SnapshotEntry entry && type == entry.type && Objects.equals(datastore, entry.datastore)
                && Objects.equals(container, entry.container) && Objects.equals(name, entry.name))) {
            return false;
        }
        // rendering is a function of the body, so two rendered entries are equal when their bytes are
        return rendered != null && entry.rendered != null ? Arrays.equals(rendered, entry.rendered) : body().equals(entry.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, datastore, container, name);
    }

    @Override
    public String toString() {
        return "SnapshotEntry[" + type.id() + " " + datastore + "/" + container + "/" + name + "]";
    }
}
