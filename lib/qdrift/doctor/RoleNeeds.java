package qdrift.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import qdrift.api.WriteRoles;

/**
 * What the token's user may do, from GET /api/users/me, against what the scripts need. Qualytics has user roles (Admin,
 * Manager, Member) and, per datastore, team permissions (Reporter, Viewer, Drafter, Author, Editor, in rising order).
 * drift and export only read. revert writes, and each type needs its own right: connections a Manager or Admin; checks
 * Author or Editor; computed containers and fields, and datastore settings, Editor; enrichment links a Manager. An
 * Admin may do all of it. A server may not say a user's team permission: then doctor says it cannot tell.
 */
final class RoleNeeds {
    /** One kind of revert write and who may send it. */
    record Need(String what, String needs, boolean userRole, String minimum) {
    }

    static final List<String> PERMISSIONS = List.of("Reporter", "Viewer", "Drafter", "Author", "Editor");

    static final List<Need> REVERT = List.of(
            new Need("connections", WriteRoles.CONNECTIONS, true, "Manager"),
            new Need("checks", WriteRoles.CHECKS, false, "Author"),
            new Need("computed containers and fields", WriteRoles.COMPUTED, false, "Editor"),
            new Need("datastore settings", WriteRoles.DATASTORE_SETTINGS, false, "Editor"),
            new Need("enrichment links", WriteRoles.ENRICHMENT, true, "Manager"));

    /** The user as /api/users/me describes them. */
    record User(String name, String email, String role, Optional<String> teamPermission, int teams) {
        static User of(JsonNode me) {
            String best = null;
            int teams = 0;
            for (JsonNode team : me.path("teams")) {
                teams++;
                String permission = team.path("permission").asText(null);
                int rank = rank(permission);
                if (rank >= 0 && (best == null || rank > rank(best))) {
                    best = PERMISSIONS.get(rank);
                }
            }
            return new User(me.path("name").asText(""), me.path("email").asText(""), me.path("role").asText(""),
                    Optional.ofNullable(best), teams);
        }

        boolean admin() {
            return role.equalsIgnoreCase("Admin");
        }

        boolean managerOrAdmin() {
            return admin() || role.equalsIgnoreCase("Manager");
        }
    }

    /** What revert may and may not write for this user, and what cannot be told. */
    record Verdict(List<String> allowed, List<String> refused, List<String> unknown) {
    }

    private RoleNeeds() {
    }

    static Verdict revert(User user) {
        List<String> allowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Need need : REVERT) {
            if (user.admin()) {
                allowed.add(need.what());
            } else if (need.userRole()) {
                if (user.managerOrAdmin()) {
                    allowed.add(need.what());
                } else {
                    refused.add(need.what() + " (needs " + need.needs() + ")");
                }
            } else if (user.teamPermission().isEmpty()) {
                unknown.add(need.what() + " (needs " + need.needs() + ")");
            } else {
                boolean enough = rank(user.teamPermission().get()) >= rank(need.minimum());
                (enough ? allowed : refused).add(need.what() + (enough ? "" : " (needs " + need.needs() + ")"));
            }
        }
        return new Verdict(allowed, refused, unknown);
    }

    static int rank(String permission) {
        if (permission == null) {
            return -1;
        }
        for (int i = 0; i < PERMISSIONS.size(); i++) {
            if (PERMISSIONS.get(i).toLowerCase(Locale.ROOT).equals(permission.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }
}
