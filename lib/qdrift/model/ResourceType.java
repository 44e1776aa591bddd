package qdrift.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import qdrift.cli.Failure;

/** The resource types an export covers, named as in --include, --fail-on and the JSON report. */
public enum ResourceType {
    CONNECTIONS("connections"),
    DATASTORES("datastores"),
    CONTAINERS("containers"),
    COMPUTED_FIELDS("computed_fields"),
    CHECKS("checks");

    private final String id;

    ResourceType(String id) {
        this.id = id;
    }

    /** "1 datastore", "3 datastores", "1 computed_field": a count of this type, singular for one. */
    public String counted(long n) {
        return n + " " + (n == 1 ? id().substring(0, id().length() - 1) : id());
    }

    public String id() {
        return id;
    }

    public static ResourceType fromId(String id) {
        String wanted = id.trim().toLowerCase().replace('-', '_');
        for (ResourceType type : values()) {
            if (type.id.equals(wanted) || type.id.equals(wanted + "s")) {
                return type;
            }
        }
        throw Failure.usage("unknown resource type '" + id + "': use " + allIds());
    }

    /** Parses "checks,connections" (also repeated options); blank means none. */
    public static Set<ResourceType> parseList(List<String> values) {
        Set<ResourceType> types = EnumSet.noneOf(ResourceType.class);
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            parts.addAll(Arrays.asList(value.split(",")));
        }
        for (String part : parts) {
            if (!part.isBlank()) {
                types.add(fromId(part));
            }
        }
        return types;
    }

    public static String allIds() {
        return Arrays.stream(values()).map(ResourceType::id).collect(Collectors.joining(","));
    }
}
