package qdrift.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds a tenant that looks like a real one from a {@link TenantSpec}: the same spec gives the same tenant, byte for byte.
 * Six connections (JDBC, DFS, secrets manager, one unused), six datastores (one an enrichment datastore), containers of
 * every type, computed fields of several transformations and checks of many rule types.
 */
final class TenantGenerator {
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final long ENRICHMENT_ID = 15;
    private static final long MAIN_ID = 10;
    private static final long EXTRA_FIRST_ID = 100;
    private static final List<String> RULES = List.of("notNull", "between", "existsIn", "matchesPattern", "isUnique",
            "expectedValues", "satisfiesExpression", "minValue", "maxValue", "isType", "lengthBetween", "afterDateTime",
            "notExistsIn", "isReplicaOf", "containsEmail", "dataDiff");

    private final TenantSpec spec;
    private final Random random;
    private final TenantState state = new TenantState();
    /** Base (non-computed) containers per datastore id, for references. */
    private final Map<Long, List<Long>> baseContainers = new java.util.TreeMap<>();
    private final Map<Long, List<String>> fieldsOf = new java.util.HashMap<>();
    private final Map<Long, String> containerNames = new java.util.HashMap<>();
    private final Set<String> usedUids = new HashSet<>();
    /** Containers that get computed fields, made once every container exists (they reference other datastores). */
    private final List<Long> withComputedFields = new ArrayList<>();

    private TenantGenerator(TenantSpec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    static TenantState generate(TenantSpec spec) {
        return new TenantGenerator(spec).build();
    }

    private TenantState build() {
        connections();
        datastores();
        List<Long> datastores = new ArrayList<>(List.of(10L, 11L, 12L, 13L, 14L));
        for (int i = 1; i <= spec.datastores() - TenantSpec.FIXED_DATASTORES; i++) {
            long id = EXTRA_FIRST_ID + i - 1;
            datastore(id, String.format("extra-%02d", i), 1, "analytics", String.format("extra_%02d", i), ENRICHMENT_ID,
                    List.of("extra"), List.of("Public"));
            datastores.add(id);
        }
        datastores.add(ENRICHMENT_ID);
        int[] containerCounts = split(spec.containers(), datastores.size(), 0.4, 0.05, true);
        for (int i = 0; i < datastores.size(); i++) {
            baseContainers.put(datastores.get(i), new ArrayList<>());
        }
        for (int i = 0; i < datastores.size(); i++) {
            baseTables(datastores.get(i), containerCounts[i]);
        }
        for (int i = 0; i < datastores.size(); i++) {
            computedContainers(datastores.get(i), containerCounts[i]);
        }
        withComputedFields.forEach(this::computedFields);
        List<Long> checked = datastores.subList(0, datastores.size() - 1);
        int[] checkCounts = split(spec.checks(), checked.size(), 0.5, 0, false);
        for (int i = 0; i < checked.size(); i++) {
            checks(checked.get(i), checkCounts[i]);
        }
        countChecks();
        return spec.idOffset() == 0 ? state : state.withIdsShifted(spec.idOffset());
    }

    /**
     * Splits total into parts: the first gets firstShare, the last lastShare (when positive), the ones between share
     * the rest evenly; with atLeastOne, every part gets at least one when total is positive.
     */
    static int[] split(int total, int parts, double firstShare, double lastShare, boolean atLeastOne) {
        int[] counts = new int[parts];
        counts[0] = (int) Math.ceil(total * firstShare);
        int middleEnd = parts;
        if (lastShare > 0) {
            counts[parts - 1] = (int) (total * lastShare);
            middleEnd = parts - 1;
        }
        int rest = Math.max(0, total - counts[0] - (lastShare > 0 ? counts[parts - 1] : 0));
        int middle = middleEnd - 1;
        for (int i = 1; i < middleEnd; i++) {
            counts[i] = rest / middle + (i - 1 < rest % middle ? 1 : 0);
        }
        for (int i = 0; atLeastOne && total > 0 && i < parts; i++) {
            counts[i] = Math.max(1, counts[i]);
        }
        return counts;
    }

    /** The containers' check_count as generated (server state: it is not kept up to date after writes). */
    private void countChecks() {
        Map<Long, Long> counts = new java.util.HashMap<>();
        state.rows(Kind.CHECK).forEach(r -> counts.merge(r.ownerId(), 1L, Long::sum));
        for (long id : state.ids(Kind.CONTAINER)) {
            ObjectNode node = state.get(Kind.CONTAINER, id);
            node.put("check_count", counts.getOrDefault(id, 0L));
            state.store(Kind.CONTAINER, node);
        }
    }

    // ---- connections and datastores: a fixed, realistic cast ----

    private void connections() {
        ObjectNode pg = connection(1, "prod-pg", "postgresql", "jdbc", "2024-01-15T10:00:00Z");
        pg.put("host", "db.prod.example.com").put("port", 5432).put("username", "qualytics_svc")
                .put("jdbc_fetch_size", 1000).put("max_parallelization", 4);
        pg.putObject("parameters").put("sslmode", "require");
        product(pg, "PostgreSQL", "15.4", "PostgreSQL JDBC Driver", "42.7.3");
        state.store(Kind.CONNECTION, pg);

        ObjectNode s3 = connection(2, "lake-s3", "s3", "dfs", "2024-02-01T08:00:00Z");
        s3.put("uri", "s3://acme-lake/raw").put("access_key", "AKIAEXAMPLE");
        s3.putObject("parameters").put("authentication_type", "IAM_ROLE")
                .put("role_arn", "arn:aws:iam::123456789012:role/qualytics").put("external_id", "ext-123");
        state.store(Kind.CONNECTION, s3);

        ObjectNode vault = connection(3, "vault-db", "postgresql", "jdbc", "2024-03-01T00:00:00Z");
        vault.put("host", "db.internal").put("port", 5432);
        vault.putObject("secrets_manager").put("login_url", "https://vault.example/login")
                .put("secret_url", "https://vault.example/secret");
        vault.putNull("catalog");
        vault.putObject("parameters");
        state.store(Kind.CONNECTION, vault);

        ObjectNode snowflake = connection(4, "snowflake-prod", "snowflake", "jdbc", "2024-03-12T09:30:00Z");
        snowflake.put("host", "acme.snowflakecomputing.com").put("port", 443).put("username", "QUALYTICS")
                .put("jdbc_fetch_size", 5000).put("max_parallelization", 8);
        snowflake.putObject("parameters").put("warehouse", "COMPUTE_WH").put("role", "QUALYTICS_ROLE");
        product(snowflake, "Snowflake", "8.40.1", "Snowflake JDBC", "3.16.1");
        state.store(Kind.CONNECTION, snowflake);

        ObjectNode enrichment = connection(5, "enrichment-pg", "postgresql", "jdbc", "2024-01-10T00:00:00Z");
        enrichment.put("host", "dq.internal").put("port", 5432).put("username", "dq_writer")
                .put("jdbc_fetch_size", 1000).put("max_parallelization", 2);
        enrichment.putObject("parameters");
        product(enrichment, "PostgreSQL", "16.2", "PostgreSQL JDBC Driver", "42.7.3");
        state.store(Kind.CONNECTION, enrichment);

        ObjectNode unused = connection(6, "2024-01-15", "mysql", "jdbc", "2024-04-01T00:00:00Z");
        unused.put("host", "legacy.example.com").put("port", 3306).put("username", "yes");
        unused.putObject("parameters").put("useSSL", "null");
        state.store(Kind.CONNECTION, unused);
    }

    private static ObjectNode connection(long id, String name, String type, String connectionType, String created) {
        ObjectNode node = SandboxJson.object();
        node.put("id", id).put("name", name).put("type", type).put("connection_type", connectionType).put("created", created);
        return node;
    }

    private static void product(ObjectNode node, String product, String version, String driver, String driverVersion) {
        node.put("product_name", product).put("product_version", version).put("driver_name", driver).put("driver_version", driverVersion);
    }

    private void datastores() {
        datastore(MAIN_ID, "prod-warehouse", 1, "analytics", "public", ENRICHMENT_ID, List.of("production", "finance"), List.of("data-eng", "Public"));
        datastore(11, "Café Über analytics", 1, "analytics", "cafe_uber", ENRICHMENT_ID, List.of("Café", "yes"), List.of("Public"));
        ObjectNode lake = datastore(12, "lake-raw", 2, null, null, ENRICHMENT_ID, List.of("null"), List.of("data-eng"));
        lake.put("root_path", "/raw/events");
        state.store(Kind.DATASTORE, lake);
        datastore(13, "vault-finance", 3, "finance", "ledger", 0, List.of("2024-01-15", "finance"), List.of("finance-analysts"));
        datastore(14, "日本語 sales", 4, "SALES", "PUBLIC", ENRICHMENT_ID, List.of("日本語"), List.of("Public"));
        ObjectNode enrichment = datastore(ENRICHMENT_ID, "dq-enrichment", 5, "dq", "enrichment", 0, List.of(), List.of("data-eng"));
        enrichment.put("enrichment_only", true);
        state.store(Kind.DATASTORE, enrichment);
    }

    private ObjectNode datastore(long id, String name, long connectionId, String database, String schema, long enrichId,
                                 List<String> tags, List<String> teams) {
        ObjectNode node = SandboxJson.object();
        node.put("id", id).put("name", name).put("connection_id", connectionId).put("database", database).put("schema", schema);
        node.put("enrichment_only", false).put("enrichment_prefix", "_qualytics").put("enrichment_source_record_limit", 10)
                .put("enrichment_remediation_strategy", id == MAIN_ID ? "none" : "append").put("high_count_rollup_threshold", 10);
        if (enrichId == 0) {
            node.putNull("enrich_datastore_id");
        } else {
            node.put("enrich_datastore_id", enrichId);
        }
        node.set("global_tags", tagObjects(tags));
        ArrayNode teamObjects = node.putArray("teams");
        teams.forEach(t -> teamObjects.addObject().put("id", state.teamId(t)).put("name", t));
        node.putNull("group");
        node.putArray("linked_datastores");
        node.put("has_scheduled_operations", random.nextBoolean());
        node.put("created", timestamp(0, 60)).put("last_updated", timestamp(600, 60));
        node.put("connected", true).put("favorite", random.nextInt(5) == 0);
        node.putObject("latest_operation").put("id", 9000 + id * 7).put("type", "scan").put("result", "success")
                .put("end_time", timestamp(690, 5));
        node.putObject("metrics").put("records_scanned", 100_000 + random.nextInt(5_000_000));
        node.put("anomaly_count", random.nextInt(50)).put("field_count", 0).put("record_count", random.nextInt(10_000_000));
        for (String score : ServerState.SCORES) {
            node.put(score, 70 + random.nextInt(30));
        }
        state.store(Kind.DATASTORE, node);
        return node;
    }

    // ---- containers ----

    private void baseTables(long datastoreId, int count) {
        boolean dfs = datastoreId == 12;
        int computed = count < 2 ? 0 : (int) Math.round(count * spec.computedShare());
        int base = Math.max(count - computed, count == 0 ? 0 : 1);
        for (int i = 0; i < base; i++) {
            String name = datastoreId == ENRICHMENT_ID ? "_qualytics_" + Names.container(false, i) : Names.container(datastoreId == MAIN_ID, i);
            String type = dfs ? "file" : (i % 5 == 4 ? "view" : "table");
            ObjectNode node = container(datastoreId, name, type);
            if (!dfs) {
                node.put("partition_field", "updated_at").put("incremental_field_name", "updated_at")
                        .put("incremental_identifier_type", "last_modified");
            } else {
                node.putNull("partition_field").put("incremental_field_name", "last_modified_time")
                        .put("incremental_identifier_type", "last_modified");
                node.put("file_pattern", "*.csv");
            }
            node.put("infer_datatypes", dfs);
            finishContainer(node);
            baseContainers.get(datastoreId).add(node.get("id").asLong());
        }
    }

    private void computedContainers(long datastoreId, int count) {
        List<Long> bases = baseContainers.get(datastoreId);
        int computed = count - bases.size();
        for (int i = 0; i < computed; i++) {
            long left = pick(bases);
            String leftName = containerNames.get(left);
            int kind = random.nextInt(10);
            ObjectNode node;
            if (datastoreId == 12 && kind < 6) {
                node = container(datastoreId, "slice_" + Names.slug(leftName) + "_" + (i + 1), "computed_file");
                node.put("source_container_id", left).put("select_clause", "id, amount").put("where_clause", "amount > 0")
                        .putNull("group_by_clause").putNull("lateral_views");
            } else if (datastoreId != 12 && kind < 5) {
                node = container(datastoreId, "filtered_" + Names.slug(leftName) + "_" + (i + 1), "computed_table");
                node.put("query", "SELECT *\nFROM " + quoted(leftName) + "\nWHERE status = 'active'\n  AND amount > 0");
            } else if (kind < 8) {
                long rightDatastore = random.nextBoolean() ? datastoreId : pick(List.of(10L, 11L, 12L, 13L, 14L));
                long right = pick(baseContainers.get(rightDatastore));
                node = container(datastoreId, "join_" + Names.slug(leftName) + "_" + (i + 1), "computed_join");
                node.put("left_container_id", left).put("right_container_id", right).put("right_datastore_id", rightDatastore)
                        .put("left_join_field_name", "customer_id").put("right_join_field_name", "id")
                        .put("join_type", List.of("inner", "left", "full").get(random.nextInt(3)))
                        .put("left_prefix", "l").put("right_prefix", "r").put("select_clause", "l.*, r.status")
                        .putNull("where_clause").putNull("group_by_clause");
            } else {
                long otherDatastore = pick(List.of(10L, 11L, 13L, 14L));
                long other = pick(baseContainers.get(otherDatastore));
                node = container(datastoreId, "combined_" + Names.slug(leftName) + "_" + (i + 1), "computed_join");
                node.put("query", "SELECT *\nFROM " + quoted(leftName) + " o\nJOIN " + quoted(containerNames.get(other)) + " c ON o.customer_id = c.id");
                ArrayNode sources = node.putArray("sources");
                sources.addObject().put("container_id", other).put("datastore_id", otherDatastore).put("alias", "c").put("ordinal", 1);
                sources.addObject().put("container_id", left).put("datastore_id", datastoreId).put("alias", "o").put("ordinal", 0);
            }
            if (random.nextInt(3) == 0) {
                node.put("description", pick(Names.DESCRIPTIONS));
            }
            if (random.nextInt(3) == 0) {
                node.putObject("additional_metadata").put("owner", "dq-team");
            }
            node.putNull("incremental_field_name").putNull("incremental_identifier_type");
            finishContainer(node);
        }
    }

    private ObjectNode container(long datastoreId, String name, String type) {
        long id = state.nextId(Kind.CONTAINER);
        ObjectNode node = SandboxJson.object();
        node.put("id", id).put("name", name).put("container_type", type).put("datastore_id", datastoreId);
        containerNames.put(id, name);
        return node;
    }

    private void finishContainer(ObjectNode node) {
        long id = node.get("id").asLong();
        List<String> fields = new ArrayList<>(List.of("id"));
        List<String> pool = new ArrayList<>(Names.FIELDS);
        java.util.Collections.shuffle(pool, random);
        fields.addAll(pool.subList(0, 7 + random.nextInt(8)));
        fieldsOf.put(id, fields);
        for (int i = 0; i < fields.size(); i++) {
            state.defineField(id, fields.get(i), id * 100 + i);
        }
        node.putIfAbsent("description", node.nullNode());
        node.putIfAbsent("additional_metadata", node.nullNode());
        node.set("global_tags", tagObjects(random.nextInt(4) == 0 ? List.of(pick(Names.TAGS)) : List.of()));
        node.put("created", timestamp(0, 300)).put("status", "active");
        node.putObject("metrics");
        long records = random.nextInt(2_000_000);
        node.put("field_count", fields.size()).put("anomaly_count", random.nextInt(20)).put("check_count", 0)
                .put("record_count", records).put("score", 60 + random.nextInt(40)).put("cataloged", true)
                .put("favorite", random.nextInt(10) == 0).putNull("deleted_at");
        if (random.nextBoolean()) {
            node.putObject("last_editor").put("id", 6).put("name", "admin");
        } else {
            node.putNull("last_editor");
        }
        if (random.nextBoolean()) {
            node.putObject("latest_observability_measurement").put("id", id * 3).put("value", records);
            node.put("incremental_checkpoint", timestamp(690, 5));
        } else {
            node.putNull("latest_observability_measurement").putNull("incremental_checkpoint");
        }
        node.putIfAbsent("partition_field", node.nullNode());
        node.putIfAbsent("infer_datatypes", node.booleanNode(false));
        state.store(Kind.CONTAINER, node);
        if (random.nextDouble() < spec.computedFieldsShare()) {
            withComputedFields.add(id);
        }
    }

    private void computedFields(long containerId) {
        List<String> fields = fieldsOf.get(containerId);
        int count = 1 + random.nextInt(3);
        int first = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            ObjectNode node = SandboxJson.object();
            node.put("id", state.nextId(Kind.COMPUTED_FIELD));
            String source = fields.get(1 + random.nextInt(fields.size() - 1));
            ArrayNode sources = SandboxJson.array();
            switch ((first + i) % 5) {
                case 0 -> {
                    node.put("name", "cleaned_company").put("transformation_type", "cleanedEntityName");
                    sources.addObject().put("id", state.fieldId(containerId, source)).put("name", source);
                    ObjectNode properties = node.putObject("properties").put("drop_from_suffix", true);
                    properties.putArray("terms_to_drop").add("Inc.").add("Corp.").add("yes");
                }
                case 1 -> {
                    node.put("name", "full_name").put("transformation_type", "customExpression");
                    node.putObject("properties").put("column_expression", "CONCAT(first, ' ', last)");
                }
                case 2 -> {
                    node.put("name", "customer_name").put("transformation_type", "entityNameLookup");
                    sources.addObject().put("id", state.fieldId(containerId, source)).put("name", source);
                    long refDatastore = pick(List.of(10L, 11L, 13L, 14L));
                    node.putObject("properties").put("ref_datastore_id", refDatastore)
                            .put("ref_container_id", pick(baseContainers.get(refDatastore)));
                }
                case 3 -> {
                    node.put("name", "amount_number").put("transformation_type", "convertFormattedNumeric");
                    sources.addObject().put("id", state.fieldId(containerId, source)).put("name", source);
                    node.putObject("properties");
                }
                default -> {
                    node.put("name", "名前_typed").put("transformation_type", "castDataType");
                    sources.addObject().put("id", state.fieldId(containerId, source)).put("name", source);
                    node.putObject("properties").put("target_type", "Long").put("format", "yes");
                }
            }
            node.put("container_id", containerId);
            node.set("source_fields", sources);
            switch (random.nextInt(3)) {
                case 0 -> node.putNull("additional_metadata");
                case 1 -> node.putObject("additional_metadata").put("note", "user-defined");
                default -> node.putObject("additional_metadata");
            }
            if (random.nextBoolean()) {
                node.put("last_editor_id", 6).putObject("last_editor").put("id", 6).put("name", "admin");
            } else {
                node.put("last_editor_id", 7).putObject("last_editor").put("id", 7).put("name", "Zoë Analyst");
            }
            state.store(Kind.COMPUTED_FIELD, node);
        }
    }

    // ---- checks ----

    private void checks(long datastoreId, int count) {
        List<Long> containers = state.containerIds(datastoreId);
        if (containers.isEmpty()) {
            return;
        }
        ObjectNode previous = null;
        for (int i = 0; i < count; i++) {
            ObjectNode check;
            if (previous != null && i % 12 == 11) {
                check = previous.deepCopy();
                String filter = previous.path("filter").isTextual() ? previous.get("filter").asText() : null;
                String other;
                do {
                    other = pick(Names.FILTERS);
                } while (other.equals(filter));
                check.put("filter", other);
                check.put("description", pick(Names.DESCRIPTIONS));
                check.remove("additional_metadata");
                check.putNull("additional_metadata");
                check.put("id", state.nextId(Kind.CHECK));
                serverState(check);
            } else {
                check = check(pick(containers), datastoreId);
            }
            state.store(Kind.CHECK, check);
            previous = check;
        }
    }

    private ObjectNode check(long containerId, long datastoreId) {
        String rule = pick(RULES);
        List<String> fields = fieldsOf.get(containerId);
        ObjectNode node = SandboxJson.object();
        node.put("id", state.nextId(Kind.CHECK)).put("rule_type", rule);
        node.put("description", random.nextInt(4) == 0 ? null : pick(Names.DESCRIPTIONS));
        node.put("container_id", containerId);
        int fieldCount = switch (rule) {
            case "isUnique", "satisfiesExpression" -> 1 + random.nextInt(2);
            case "isReplicaOf", "dataDiff" -> 2 + random.nextInt(2);
            default -> 1;
        };
        List<String> picked = new ArrayList<>(fields.subList(1, fields.size()));
        java.util.Collections.shuffle(picked, random);
        ArrayNode fieldObjects = node.putArray("fields");
        for (String field : picked.subList(0, Math.min(fieldCount, picked.size()))) {
            fieldObjects.addObject().put("id", state.fieldId(containerId, field)).put("name", field);
        }
        double[] coverages = {1.0, 1.0, 1.0, 0.98, 0.95};
        node.put("coverage", coverages[random.nextInt(coverages.length)]);
        node.put("filter", random.nextInt(3) == 0 ? pick(Names.FILTERS) : null);
        node.set("properties", properties(rule, fieldObjects, datastoreId));
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            String tag = pick(Names.TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        node.set("global_tags", tagObjects(tags));
        node.set("additional_metadata", metadata(containerId, rule, fieldObjects));
        int status = random.nextInt(100);
        node.put("status", status < 80 ? "Active" : status < 97 ? "Draft" : "Archived");
        node.putNull("anomaly_message_field");
        if (random.nextBoolean()) {
            node.put("owner_id", 7);
        } else {
            node.putNull("owner_id");
        }
        node.putNull("default_anomaly_assignee_id").putNull("template");
        node.put("inferred", random.nextInt(10) < 3);
        serverState(node);
        return node;
    }

    private void serverState(ObjectNode check) {
        check.put("is_new", false).put("anomaly_count", random.nextInt(25));
        check.put("created", timestamp(0, 400)).put("last_updated", timestamp(400, 290)).put("last_asserted", timestamp(690, 5));
        // what the 2025 check models and exported check records carry besides configuration; taken from the id, not
        // from the random sequence, so every tenant's configuration stays as it was generated before
        long id = check.path("id").asLong();
        boolean passing = id % 4 != 0;
        check.put("is_passing", passing).put("has_passed", passing).put("weight", passing ? 1 : 7)
                .put("num_container_scans", 1 + id % 60).putNull("deleted_at")
                .put("is_template", false).put("template_locked", false).putNull("template_id");
    }

    private ObjectNode properties(String rule, ArrayNode fields, long datastoreId) {
        ObjectNode properties = SandboxJson.object();
        String field = fields.path(0).path("name").asText("id");
        switch (rule) {
            case "between" -> properties.put("min", 0).put("max", random.nextBoolean() ? 100000 : 250000)
                    .put("inclusive_min", true).put("inclusive_max", random.nextBoolean());
            case "existsIn", "notExistsIn", "isReplicaOf", "dataDiff" -> {
                long refDatastore = random.nextBoolean() ? datastoreId : pick(List.of(10L, 11L, 12L, 13L, 14L, ENRICHMENT_ID));
                List<Long> candidates = baseContainers.get(refDatastore);
                if (rule.startsWith("exists") || rule.startsWith("notExists")) {
                    properties.put("field_name", field);
                }
                properties.put("ref_container_id", pick(candidates)).put("ref_datastore_id", refDatastore);
                if (rule.equals("dataDiff")) {
                    properties.putArray("id_field_names").add("id");
                }
            }
            case "matchesPattern" -> properties.put("pattern", "^[A-Z]{2}-\\d{4}$").put("inverted", false);
            case "expectedValues" -> properties.putArray("list").add("yes").add("no").add("null").add("~").add("2024-01-15");
            case "satisfiesExpression" -> properties.put("expression", "amount > 0 AND status <> 'void'");
            case "minValue" -> properties.put("value", 0);
            case "maxValue" -> properties.put("value", 1e3);
            case "isType" -> properties.put("field_type", "Integral");
            case "lengthBetween" -> properties.put("min_size", 1).put("max_size", 64);
            case "afterDateTime" -> properties.put("datetime", "2024-01-15T00:00:00Z");
            default -> {
            }
        }
        return properties;
    }

    private com.fasterxml.jackson.databind.JsonNode metadata(long containerId, String rule, ArrayNode fields) {
        int kind = random.nextInt(20);
        if (kind < 5) {
            String uid = uid(containerId, rule, fields);
            if (uid != null && usedUids.add(uid)) {
                ObjectNode metadata = SandboxJson.object().put("_qualytics_check_uid", uid);
                if (kind == 0) {
                    metadata.put("jira", "DQ-" + (100 + random.nextInt(900)));
                }
                return metadata;
            }
            return SandboxJson.object();
        }
        if (kind < 7) {
            return SandboxJson.object().put("from quality check id", String.valueOf(1 + random.nextInt(9999)))
                    .put("main datastore id", "1");
        }
        if (kind < 8) {
            return SandboxJson.object().put("from quality check id", "42").put("main datastore id", "1").put("jira", "DQ-7");
        }
        if (kind < 12) {
            return SandboxJson.object().put("jira", "DQ-" + (100 + random.nextInt(900)));
        }
        if (kind < 16) {
            return SandboxJson.object();
        }
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    /** The official CLI's check uid, or null when the container's name slugs to nothing. */
    private String uid(long containerId, String rule, ArrayNode fields) {
        String container = Names.slug(containerNames.get(containerId));
        if (container.isEmpty()) {
            return null;
        }
        List<String> slugs = new ArrayList<>();
        fields.forEach(f -> slugs.add(Names.slug(f.path("name").asText())));
        slugs.sort(null);
        return container + "__" + Names.slug(rule) + "__" + String.join("_", slugs);
    }

    // ---- helpers ----

    private ArrayNode tagObjects(List<String> tags) {
        ArrayNode objects = SandboxJson.array();
        tags.forEach(t -> objects.addObject().put("id", state.tagId(t)).put("name", t).put("type", "global"));
        return objects;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A time fromDay days after 2024-01-01, plus up to spanDays more, at a random second. */
    private String timestamp(int fromDay, int spanDays) {
        long seconds = (fromDay + random.nextInt(Math.max(1, spanDays))) * 86_400L + random.nextInt(86_400);
        return EPOCH.plus(seconds, ChronoUnit.SECONDS).toString();
    }
}
