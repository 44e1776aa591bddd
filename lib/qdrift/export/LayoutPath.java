package qdrift.export;

import qdrift.model.ResourceType;

/** What a managed relative path says about its resource: its type and the slugs in the path (null where none). */
public record LayoutPath(ResourceType type, String datastoreSlug, String containerSlug, String fileSlug) {
}
