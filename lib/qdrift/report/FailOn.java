package qdrift.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import qdrift.model.ResourceType;

/**
 * What makes a run exit 1 (--fail-on): findings about these resource types, and platform findings (server-upgrade
 * changes) only when asked. Default: every type, not platform, so a Qualytics upgrade is reported without paging
 * anyone at 3 a.m.; "all" names every type ("--fail-on all,platform").
 */
public record FailOn(Set<ResourceType> types, boolean platform) {
    public static final String PLATFORM = "platform";
    public static final String ALL = "all";

    public FailOn {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
    }

    public static FailOn defaults() {
        return new FailOn(EnumSet.allOf(ResourceType.class), false);
    }

    /** "checks,platform" (also repeated options); empty means the default. Unknown words are usage errors. */
    public static FailOn parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return defaults();
        }
        boolean platform = false;
        boolean all = false;
        List<String> types = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String word = part.trim().toLowerCase();
                if (word.equals(PLATFORM)) {
                    platform = true;
                } else if (word.equals(ALL)) {
                    all = true;
                } else if (!word.isEmpty()) {
                    types.add(word);
                }
            }
        }
        for (String type : types) {
            try {
                ResourceType.fromId(type);
            } catch (RuntimeException e) {
                throw qdrift.cli.Failure.usage("unknown --fail-on value '" + type + "': use " + ResourceType.allIds()
                        + ", " + ALL + " or " + PLATFORM);
            }
        }
        Set<ResourceType> parsed = all ? EnumSet.allOf(ResourceType.class) : ResourceType.parseList(types);
        if (!all && types.isEmpty() && !platform) {
            return defaults();
        }
        return new FailOn(parsed, platform);
    }
}
