package qdrift.revert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a revert does to one resource. update: live differs from Git, put Git's values back (PUT). recreate: deleted
 * live, create it again from Git (POST). archive: a check added live, archived (reversible). delete: added live,
 * removed (checks only with --delete; computed containers and fields only with --delete). skip: differs, but revert
 * leaves it alone and says why.
 */
public enum Action {
    UPDATE, RECREATE, ARCHIVE, DELETE, SKIP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Archive and delete run after everything else, in reverse dependency order. */
    boolean removes() {
        return this == ARCHIVE || this == DELETE;
    }
}
