package qdrift.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qdrift.model.Examples.item;
import static qdrift.model.Examples.json;
import static qdrift.model.Examples.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalizerTest {
    private final Canonicalizer canonical = new Canonicalizer(Examples.names());

    @Test
    void aDatastoreKeepsItsConfigurationWithNamesForIdsAndDropsEveryServerField() {
        ObjectNode datastore = canonical.datastore(object("datastore-10.json"));
        assertEquals(json("""
                {'name': 'prod-warehouse', 'connection_name': 'prod-pg', 'database': 'analytics', 'schema': 'public',
                 'enrichment_only': false, 'enrichment_prefix': '_qualytics', 'enrichment_source_record_limit': 10,
                 'enrichment_remediation_strategy': 'none', 'high_count_rollup_threshold': 10,
                 'enrich_datastore_name': 'dq-enrichment', 'tags': ['finance', 'production'],
                 'teams': ['Public', 'data-eng']}"""), datastore);
    }

    @Test
    void anOlderDatastoreShapeCanonicalizesToTheSameValue() {
        ObjectNode older = object("datastore-10.json");
        older.remove("connection_id");
        older.putObject("connection").put("id", 1).put("name", "prod-pg");
        older.remove("global_tags");
        older.putArray("tags").add("production").add("finance");
        older.putArray("teams").add("data-eng").add("Public");
        older.remove("enrich_datastore");
        older.put("enrich_datastore_id", 20);
        assertEquals(canonical.datastore(object("datastore-10.json")), canonical.datastore(older));
    }

    @Test
    void unknownFieldsAreKeptAsConfigurationUnlessTheirNameIsServerBookkeeping() {
        ObjectNode raw = object("datastore-10.json");
        raw.put("retention_days", 30).put("ai_model", "gpt").put("freshness_score", 3).put("row_count", 9)
                .put("scanned_at", "2026-01-01").put("last_updated_by", "bob").put("latest_scan", "x")
                .put("created", "t").putObject("metrics").put("a", 1);
        ObjectNode datastore = canonical.datastore(raw);
        assertEquals(30, datastore.path("retention_days").asInt(), "an unknown setting must be kept: " + datastore);
        assertEquals("gpt", datastore.path("ai_model").asText());
        for (String dropped : List.of("freshness_score", "row_count", "scanned_at", "last_updated_by", "latest_scan",
                "created", "metrics")) {
            assertFalse(datastore.has(dropped), dropped + " is server state and must not be exported: " + datastore);
        }
    }

    @Test
    void aJdbcConnectionGetsPlaceholdersAndLosesServerFields() {
        assertEquals(json("""
                {'name': 'prod-pg', 'type': 'postgresql', 'host': 'db.prod.example.com', 'port': 5432,
                 'username': 'qualytics_svc', 'jdbc_fetch_size': 1000, 'max_parallelization': 4,
                 'parameters': {'sslmode': 'require'}, 'password': '${PROD_PG_PASSWORD}'}"""),
                canonical.connection(object("connection-1.json")));
    }

    @Test
    void aDfsConnectionWithAnAccessKeyGetsAccessAndSecretKeyPlaceholders() {
        ObjectNode connection = canonical.connection(object("connection-2-dfs.json"));
        assertEquals("${LAKE_S3_ACCESS_KEY}", connection.path("access_key").asText());
        assertEquals("${LAKE_S3_SECRET_KEY}", connection.path("secret_key").asText());
        assertFalse(connection.toString().contains("AKIAEXAMPLE"), "a real key reached the export: " + connection);
    }

    @Test
    void aSecretsManagerGetsACredentialsPayloadPlaceholderAndNoPassword() {
        ObjectNode connection = canonical.connection(object("connection-3-secrets-manager.json"));
        assertEquals("${VAULT_DB_CREDENTIALS_PAYLOAD}",
                connection.path("secrets_manager").path("credentials_payload").asText());
        assertFalse(connection.has("password"));
        assertFalse(connection.has("catalog"), "null values are dropped");
    }

    @Test
    void secretLookingValuesAnywhereBecomePlaceholders() {
        ObjectNode raw = object("connection-1.json");
        raw.put("password", "hunter2");
        raw.with("parameters").put("token", "tok-123").put("api_key", "k-1").put("client_secret", "cs")
                .putObject("nested").put("private_key", "-----BEGIN");
        ObjectNode connection = canonical.connection(raw);
        String text = connection.toString();
        for (String secret : List.of("hunter2", "tok-123", "k-1", "\"cs\"", "BEGIN")) {
            assertFalse(text.contains(secret), secret + " reached the export: " + text);
        }
        assertEquals("${PROD_PG_TOKEN}", connection.path("parameters").path("token").asText());

        ObjectNode check = item("quality-checks-page1.json", 42);
        check.with("additional_metadata").put("auth_token", "abc");
        assertFalse(canonical.check(check).toString().contains("abc"));
    }

    @Test
    void aComputedContainerNamesItsSourceAndCrossDatastoreJoinSides() {
        ObjectNode slice = canonical.container(item("containers-page1.json", 102));
        assertEquals("orders_csv", slice.path("source_container_name").asText(), slice.toString());
        assertEquals("prod-warehouse", slice.path("datastore_name").asText());
        assertFalse(slice.has("source_container_id"));

        ObjectNode join = canonical.container(item("containers-page1.json", 300), 10L);
        assertEquals("orders", join.path("left_container_name").asText());
        assertEquals("customers", join.path("right_container_name").asText());
        assertEquals("dq-enrichment", join.path("right_datastore_name").asText());
        assertFalse(join.has("left_datastore_name"), "same datastore: no datastore name: " + join);
        join.fieldNames().forEachRemaining(key ->
                assertFalse(key.endsWith("_id"), "no id may remain, found " + key + " in " + join));
    }

    @Test
    void joinSourcesAreNamedAndSortedByOrdinal() {
        ObjectNode join = canonical.container(item("containers-page1.json", 301), 10L);
        assertEquals(json("""
                [{'alias': 'o', 'container_name': 'orders', 'ordinal': 0},
                 {'alias': 'c', 'container_name': 'customers', 'datastore_name': 'dq-enrichment', 'ordinal': 1}]"""),
                join.get("sources"));
    }

    @Test
    void aTableKeepsItsPartitionAndIncrementalSettingsButNoServerState() {
        ObjectNode orders = canonical.container(item("containers-page1.json", 100));
        assertEquals(json("""
                {'name': 'orders', 'container_type': 'table', 'datastore_name': 'prod-warehouse',
                 'partition_field': 'updated_at', 'incremental_field_name': 'updated_at',
                 'incremental_identifier_type': 'last_modified', 'infer_datatypes': false}"""), orders);
    }

    @Test
    void computedFieldsUseTheImportKeysAndNames() {
        JsonNode fields = object("container-100-detail.json").get("computed_fields");
        assertEquals(json("""
                {'name': 'cleaned_company', 'transformation': 'cleanedEntityName', 'source_fields': ['company_name'],
                 'properties': {'drop_from_suffix': true, 'terms_to_drop': ['Inc.', 'Corp.']}}"""),
                canonical.computedField(fields.get(0)));
        assertEquals(json("""
                {'name': 'customer_name', 'transformation': 'entityNameLookup', 'source_fields': ['customer_id'],
                 'properties': {'ref_datastore_name': 'dq-enrichment', 'ref_container_name': 'customers'}}"""),
                canonical.computedField(fields.get(2)));
    }

    @Test
    void aCheckNamesItsContainerSortsItsSetsKeepsItsStoredUidAndDropsUserIds() {
        assertEquals(json("""
                {'rule_type': 'notNull', 'description': 'Order ID must not be null', 'container': 'orders',
                 'fields': ['order_id'], 'coverage': 1, 'tags': ['data-quality'], 'status': 'Active',
                 'inferred': false,
                 'additional_metadata': {'_qualytics_check_uid': 'orders__notnull__order_id', 'jira': 'DQ-123'}}"""),
                canonical.check(item("quality-checks-page1.json", 42)));
    }

    @Test
    void aCrossReferenceCheckNamesItsReferenceAndDropsInternalMetadata() {
        ObjectNode check = canonical.check(item("quality-checks-page1.json", 43));
        assertEquals(json("{'field_name': 'customer_id', 'ref_container_name': 'customers', "
                + "'ref_datastore_name': 'dq-enrichment'}"), check.get("properties"));
        assertEquals(json("{'_qualytics_check_uid': 'orders__existsin__customer_id'}"),
                check.get("additional_metadata"), "internal keys dropped, generated uid added");
    }

    @Test
    void olderCheckShapesCanonicalizeToTheSameValue() {
        ObjectNode current = item("quality-checks-page1.json", 57);
        ObjectNode older = current.deepCopy();
        older.remove("container");
        older.put("container_id", 100);
        older.putArray("fields").add("total_amount");
        older.remove("global_tags");
        older.putArray("tags").add("finance").add("data-quality");
        older.put("coverage", 0.980);
        older.putObject("additional_metadata");
        assertEquals(canonical.check(current), canonical.check(older));
        assertEquals("0.98", canonical.check(current).get("coverage").toString());
        assertTrue(canonical.check(current).get("tags").toString().equals("[\"data-quality\",\"finance\"]"));
    }

    @Test
    void nullEmptyAndAbsentCollectionsAreOneForm() {
        ObjectNode absent = Examples.raw("{'rule_type': 'notNull', 'container': {'id': 100, 'name': 'orders'}}");
        ObjectNode empty = Examples.raw("{'rule_type': 'notNull', 'container': {'id': 100, 'name': 'orders'}, 'fields': [],"
                + " 'properties': {}, 'global_tags': [], 'additional_metadata': {}, 'filter': null}");
        ObjectNode nulls = Examples.raw("{'rule_type': 'notNull', 'container': {'id': 100, 'name': 'orders'},"
                + " 'fields': null, 'properties': null, 'tags': null, 'additional_metadata': null}");
        assertEquals(canonical.check(absent), canonical.check(empty));
        assertEquals(canonical.check(absent), canonical.check(nulls));
    }

    @Test
    void anUnknownReferenceKeepsItsIdVisibly() {
        ObjectNode slice = new Canonicalizer(new MapNameResolver()).container(item("containers-page1.json", 102));
        assertEquals(150, slice.path("source_container_id").asLong(), slice.toString());
    }

    @Test
    void referenceScanFindsTheIdsTheExporterMustLookUp() {
        assertEquals(java.util.Set.of(100L, 200L), ReferenceScan.containerIds(item("containers-page1.json", 301)));
        assertEquals(java.util.Set.of(10L, 20L), ReferenceScan.datastoreIds(item("containers-page1.json", 301)));
        assertTrue(ReferenceScan.containerIds(item("quality-checks-page1.json", 43)).contains(200L));
        assertTrue(ReferenceScan.containerIds(object("container-100-detail.json")).contains(200L));
        assertEquals(java.util.Set.of(1L), ReferenceScan.connectionIds(object("datastore-10.json")));
        ReferenceScan.Unresolved missing = ReferenceScan.unresolved(
                List.of(item("containers-page1.json", 300), item("quality-checks-page1.json", 43)),
                new MapNameResolver().container(100, "orders", 10L).datastore(10, "prod-warehouse"));
        assertEquals(java.util.Set.of(200L), missing.containerIds());
        assertEquals(java.util.Set.of(20L), missing.datastoreIds());
    }

    @Test
    void slugsFollowTheOfficialRule() {
        assertEquals("order_items", Slug.of("Order Items"));
        assertEquals("prod_pg", Slug.of("--Prod--PG--"));
        assertEquals("", Slug.of("日本語"));
        assertEquals("${PROD_PG_PASSWORD}", Secrets.placeholder("prod-pg", "password"));
        assertTrue(Secrets.placeholder("日本語", "password").matches("\\$\\{QUALYTICS_[0-9A-F]{8}_PASSWORD}"));
    }

    @Test
    void anEmptyCheckDescriptionIsTheSameAsNone() {
        ObjectNode empty = item("quality-checks-page1.json", 42).deepCopy();
        empty.put("description", "");
        ObjectNode none = empty.deepCopy();
        none.remove("description");
        assertFalse(canonical.check(empty).has("description"), "revert sends \"\" for no description; export reads it back as none");
        assertEquals(canonical.check(none), canonical.check(empty));
        empty.put("description", " ");
        assertTrue(canonical.check(empty).has("description"), "only the empty string is none");
    }
}
