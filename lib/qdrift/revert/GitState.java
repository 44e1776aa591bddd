package qdrift.revert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import qdrift.export.ExportManifest;
import qdrift.export.Snapshot;
import qdrift.git.FilesAtRef;
import qdrift.model.CanonicalYaml;
import qdrift.model.ResourceType;

/**
 * The committed export at a ref, read from git objects (the worktree is never touched): its canonical snapshot, the
 * commit it resolved to, and the types its manifest says were exported (a folder exported with --include checks says
 * nothing about containers, so revert must not delete them). {@code files} are the folder's files as committed (relative
 * path to bytes), so that a file byte-identical to live's rendering is known equal without parsing either side.
 */
record GitState(String commit, Snapshot snapshot, Set<ResourceType> included, Map<String, byte[]> files) {

    /** Whether Git's file holds exactly these bytes (live's rendering of the same path). */
    boolean holdsExactly(String file, byte[] bytes) {
        byte[] mine = files.get(file);
        return mine != null && bytes != null && java.util.Arrays.equals(mine, bytes);
    }

    static GitState read(Path repo, String ref, String path) {
        FilesAtRef.Tree tree = FilesAtRef.read(repo, ref, path);
        Set<ResourceType> included = EnumSet.allOf(ResourceType.class);
        byte[] manifest = tree.files().get(ExportManifest.FILE_NAME);
        if (manifest != null) {
            JsonNode list = CanonicalYaml.read(manifest, path + "/" + ExportManifest.FILE_NAME).path("included");
            if (list.isArray() && !list.isEmpty()) {
                included = EnumSet.noneOf(ResourceType.class);
                for (JsonNode type : list) {
                    included.addAll(ResourceType.parseList(java.util.List.of(type.asText())));
                }
            }
        }
        return new GitState(tree.commit(), Snapshot.readFiles(tree.files()), included, tree.files());
    }
}
