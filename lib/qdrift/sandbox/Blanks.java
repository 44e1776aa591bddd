package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The full set of keys each stored resource has, with the values a fresh resource starts with, so a resource
 * created through the API has the same shape as a generated one.
 */
final class Blanks {
    private Blanks() {
    }

    static void fill(Kind kind, ObjectNode node, String now) {
        switch (kind) {
            case CONNECTION -> {
                node.putIfAbsent("connection_type", node.textNode("jdbc"));
                node.putIfAbsent("parameters", SandboxJson.object());
                node.putIfAbsent("created", node.textNode(now));
            }
            case DATASTORE -> {
                for (String key : new String[] {"database", "schema", "enrich_datastore_id", "group"}) {
                    node.putIfAbsent(key, node.nullNode());
                }
                node.putIfAbsent("enrichment_only", node.booleanNode(false));
                node.putIfAbsent("enrichment_prefix", node.textNode("_qualytics"));
                node.putIfAbsent("enrichment_source_record_limit", node.numberNode(10));
                node.putIfAbsent("enrichment_remediation_strategy", node.textNode("none"));
                node.putIfAbsent("high_count_rollup_threshold", node.numberNode(10));
                node.putIfAbsent("global_tags", SandboxJson.array());
                node.putIfAbsent("teams", SandboxJson.array());
                node.putIfAbsent("linked_datastores", SandboxJson.array());
                node.putIfAbsent("has_scheduled_operations", node.booleanNode(false));
                node.putIfAbsent("created", node.textNode(now));
                node.putIfAbsent("last_updated", node.textNode(now));
                node.putIfAbsent("connected", node.booleanNode(true));
                node.putIfAbsent("favorite", node.booleanNode(false));
                node.putIfAbsent("latest_operation", node.nullNode());
                node.putIfAbsent("metrics", SandboxJson.object());
                for (String key : new String[] {"anomaly_count", "field_count", "record_count"}) {
                    node.putIfAbsent(key, node.numberNode(0));
                }
                for (String key : ServerState.SCORES) {
                    node.putIfAbsent(key, node.nullNode());
                }
            }
            case CONTAINER -> {
                node.putIfAbsent("container_type", node.textNode("computed_table"));
                for (String key : new String[] {"description", "additional_metadata", "partition_field", "incremental_field_name",
                        "incremental_identifier_type", "deleted_at", "last_editor", "latest_observability_measurement",
                        "incremental_checkpoint", "score"}) {
                    node.putIfAbsent(key, node.nullNode());
                }
                node.putIfAbsent("infer_datatypes", node.booleanNode(false));
                node.putIfAbsent("global_tags", SandboxJson.array());
                node.putIfAbsent("created", node.textNode(now));
                node.putIfAbsent("status", node.textNode("active"));
                node.putIfAbsent("metrics", SandboxJson.object());
                for (String key : new String[] {"field_count", "anomaly_count", "check_count", "record_count"}) {
                    node.putIfAbsent(key, node.numberNode(0));
                }
                node.putIfAbsent("cataloged", node.booleanNode(false));
                node.putIfAbsent("favorite", node.booleanNode(false));
            }
            case COMPUTED_FIELD -> {
                node.putIfAbsent("source_fields", SandboxJson.array());
                node.putIfAbsent("properties", SandboxJson.object());
                node.putIfAbsent("additional_metadata", node.nullNode());
                node.putIfAbsent("last_editor_id", node.nullNode());
                node.putIfAbsent("last_editor", node.nullNode());
            }
            case CHECK -> {
                node.putIfAbsent("description", node.nullNode());
                node.putIfAbsent("fields", SandboxJson.array());
                node.putIfAbsent("coverage", node.numberNode(1.0));
                node.putIfAbsent("filter", node.nullNode());
                node.putIfAbsent("properties", SandboxJson.object());
                node.putIfAbsent("global_tags", SandboxJson.array());
                node.putIfAbsent("additional_metadata", node.nullNode());
                node.putIfAbsent("status", node.textNode("Active"));
                for (String key : new String[] {"anomaly_message_field", "owner_id", "default_anomaly_assignee_id", "template",
                        "last_asserted"}) {
                    node.putIfAbsent(key, node.nullNode());
                }
                node.putIfAbsent("inferred", node.booleanNode(false));
                node.putIfAbsent("is_new", node.booleanNode(true));
                node.putIfAbsent("is_passing", node.nullNode());
                node.putIfAbsent("has_passed", node.nullNode());
                node.putIfAbsent("weight", node.numberNode(1));
                node.putIfAbsent("num_container_scans", node.numberNode(0));
                node.putIfAbsent("deleted_at", node.nullNode());
                node.putIfAbsent("is_template", node.booleanNode(false));
                node.putIfAbsent("template_locked", node.booleanNode(false));
                node.putIfAbsent("template_id", node.nullNode());
                node.putIfAbsent("anomaly_count", node.numberNode(0));
                node.putIfAbsent("created", node.textNode(now));
                node.putIfAbsent("last_updated", node.textNode(now));
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }
}
