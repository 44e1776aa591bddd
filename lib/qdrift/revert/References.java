package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the names Git holds into the ids a write call needs: a number for a resource that exists live, or
 * {@code {"$ref": "<file>"}} for one the same apply creates first. Null when neither: the resource cannot be reverted.
 */
interface References {
    JsonNode connection(String name);

    JsonNode datastore(String name);

    JsonNode container(String datastore, String name);
}
