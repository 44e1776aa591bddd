package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * GET /api/users/me: who the token belongs to, with the fields of the real User model (id, created, user_id, email,
 * name, role, teams). The token's user has the role and team permission of {@link InstanceOptions}; the read-only
 * token's is a Member whose teams may only view. Each team also names its {@code permission}: the public models do
 * not show where a real server says it, so doctor reads it when present and otherwise says it cannot tell.
 */
final class CurrentUser {
    private static final String CREATED = "2026-01-05T09:00:00Z";

    private CurrentUser() {
    }

    static ObjectNode of(InstanceOptions instance, boolean readOnly, Map<String, Long> teams) {
        ObjectNode user = SandboxJson.object()
                .put("id", readOnly ? 2 : 1)
                .put("created", CREATED)
                .put("user_id", readOnly ? "sandbox|reader" : "sandbox|owner")
                .put("email", readOnly ? "reader@sandbox.invalid" : "owner@sandbox.invalid")
                .put("name", readOnly ? "Sandbox Reader" : "Sandbox Owner")
                .put("role", readOnly ? "Member" : instance.userRole());
        ArrayNode list = user.putArray("teams");
        teams.forEach((name, id) -> list.addObject().put("id", id).put("created", CREATED).put("name", name)
                .put("permission", readOnly ? "Viewer" : instance.teamPermission()));
        return user;
    }
}
