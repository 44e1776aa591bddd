//DEPS com.fasterxml.jackson.core:jackson-databind:2.18.2
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.model.WriteKeys;
import qdrift.model.ResourceType;
import qdrift.report.Origin.DatastoreRef;

/**
 * What an export folder is, written into it as {@value #FILE_NAME}: its identity only (the export format, the host,
 * the datastores, the resource types it holds). No counts, no tool version, no timestamps: a resource change shows as
 * exactly its own files, and an unchanged export is byte-stable. The next export reads it to refuse overwriting
 * another host's or datastore's export by mistake; drift reads its format to refuse comparing a format-1 folder.
 *
 * @param formatVersion the export format ({@link WriteKeys#FORMAT}); null in a manifest of format 1, which had none
 */
public record ExportManifest(
        Integer formatVersion,
        String host,
        List<DatastoreRef> datastores,
        List<String> included) {

    public static final String FILE_NAME = ".qualytics-export.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ExportManifest {
        datastores = datastores == null ? List.of() : datastores.stream()
                .sorted(Comparator.comparing(DatastoreRef::id, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        included = included == null ? List.of() : included.stream().distinct().sorted().toList();
    }

    /** The manifest of this run; the host is reduced to host[:port], whatever URL it is given as. */
    public static ExportManifest of(String url, List<DatastoreRef> datastores, Set<ResourceType> included) {
        return new ExportManifest(WriteKeys.FORMAT, hostOf(url), datastores, included.stream().map(ResourceType::id).toList());
    }

    /** The format of the folder this manifest describes: 1 for a manifest without a format_version. */
    @JsonIgnore
    public int format() {
        return formatVersion == null ? 1 : formatVersion;
    }

    /** The same manifest, also holding the types of {@code previous}: a narrower --include never disowns a type's files. */
    public ExportManifest including(ExportManifest previous) {
        List<String> all = new java.util.ArrayList<>(included);
        all.addAll(previous.included());
        return new ExportManifest(formatVersion, host, datastores, all);
    }

    /** "https://user:pw@Acme.Qualytics.io:8443/api" becomes "acme.qualytics.io:8443": no scheme, credentials or path. */
    public static String hostOf(String url) {
        String trimmed = url.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        try {
            URI uri = new URI(withScheme);
            if (uri.getHost() == null) {
                throw Failure.usage("'" + uri.getRawAuthority() + "' is not a host name: pass a URL like https://acme.qualytics.io");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            throw Failure.usage("the Qualytics URL is not valid (" + e.getReason() + "): pass a URL like https://acme.qualytics.io");
        }
    }

    /** The manifest in {@code folder}, or empty if there is none; a malformed one is an I/O failure. */
    public static Optional<ExportManifest> read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            ExportManifest manifest = YAML.readValue(Files.readAllBytes(file), ExportManifest.class);
            if (manifest == null || manifest.host() == null) {
                throw new Failure(ExitCode.IO, file + " is not a qualytics-drift export manifest (no host): "
                        + "delete it if this folder is meant for the export");
            }
            return Optional.of(manifest);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.IO, file + " is not a valid export manifest (" + e.getOriginalMessage()
                    + "): delete it if this folder is meant for the export", e);
        } catch (IOException e) {
            throw Failure.io("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public byte[] toYaml() {
        try {
            return YAML.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot write the export manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Like {@link #checkCompatible(Path, ExportManifest, boolean)}, naming the folder "the output folder". */
    public void checkCompatible(ExportManifest previous, boolean force) {
        checkCompatible(null, previous, force);
    }

    /**
     * Refuses (usage error) to export over {@code folder} when its previous export came from another host or other
     * datastores, unless forced. A version or resource-type difference is fine: the export regenerates the folder.
     */
    public void checkCompatible(Path folder, ExportManifest previous, boolean force) {
        if (force || previous == null) {
            return;
        }
        boolean sameHost = previous.host().equalsIgnoreCase(host);
        if (sameHost && previous.datastoreIds().equals(datastoreIds())) {
            return;
        }
        String where = folder == null ? "the output folder" : folder.toString();
        throw Failure.usage(where + " holds an export of " + describe(previous.datastores()) + " at " + previous.host()
                + "; this run exports " + describe(datastores) + (sameHost ? "" : " at " + host)
                + ": pass --force to replace it, or use another --folder");
    }

    @JsonIgnore
    public Set<Long> datastoreIds() {
        return datastores.stream().map(DatastoreRef::id).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static String describe(Collection<DatastoreRef> datastores) {
        if (datastores.isEmpty()) {
            return "no datastore";
        }
        String list = datastores.stream()
                .map(d -> d.id() + (d.name() == null || d.name().isBlank() ? "" : " (" + d.name() + ")"))
                .collect(Collectors.joining(", "));
        return (datastores.size() == 1 ? "datastore " : "datastores ") + list;
    }
}
