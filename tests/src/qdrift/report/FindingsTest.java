package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Findings: one per cause, in type order, saying what values became, with a fingerprint stable across runs. */
class FindingsTest {
    static final String DS = ReportBuilderTest.DS;

    static DriftReport build(List<ResourceDelta> deltas) {
        return ReportBuilder.build("drift", ReportBuilderTest.ORIGIN, deltas, IgnoreRules.none(), List.of());
    }

    static ResourceDelta container(String name, String before, String after) {
        return new ResourceDelta("containers", "prod-warehouse", name, name, DS + "containers/" + name + "/_container.yaml",
                before == null ? null : Json.of(before), after == null ? null : Json.of(after));
    }

    static ResourceDelta check(String container, String stem, String before, String after) {
        return new ResourceDelta("checks", "prod-warehouse", container, container + "__" + stem,
                DS + "checks/" + container + "/" + stem + ".yaml",
                before == null ? null : Json.of(before), after == null ? null : Json.of(after));
    }

    static ResourceDelta computedField(String container, String name, String before, String after) {
        return new ResourceDelta("computed_fields", "prod-warehouse", container, name,
                DS + "containers/" + container + "/computed_fields/" + name + ".yaml",
                before == null ? null : Json.of(before), after == null ? null : Json.of(after));
    }

    @Test
    void aModifiedCheckIsOneFindingThatSaysWhatEachFieldBecame() {
        DriftReport report = build(List.of(check("orders", "between__total_amount", Json.check().toString(),
                Json.check("properties.max", "999999").toString())));

        assertEquals(1, report.findings().size());
        Finding finding = report.findings().get(0);
        assertEquals("modified", finding.cause());
        assertEquals("checks", finding.type());
        assertEquals("check `orders__between__total_amount` (container `orders`) modified: properties.max 100000 → 999999",
                finding.title());
        assertEquals(Severity.LOOSENING, finding.severity());
        assertEquals(List.of(DS + "checks/orders/between__total_amount.yaml"), finding.files());
        assertEquals(16, finding.fingerprint().length());
    }

    @Test
    void theFingerprintIsStableForTheSameCauseAndChangesWithTheValue() {
        String before = Json.check().toString();
        String fp1 = build(List.of(check("orders", "b", before, Json.check("coverage", "0.5").toString())))
                .findings().get(0).fingerprint();
        String fp2 = build(List.of(check("orders", "b", before, Json.check("coverage", "0.5").toString()),
                container("customers", null, "{name: 'customers'}"))).findings().get(1).fingerprint();
        String other = build(List.of(check("orders", "b", before, Json.check("coverage", "0.4").toString())))
                .findings().get(0).fingerprint();
        String elsewhere = build(List.of(check("orders", "c", before, Json.check("coverage", "0.5").toString())))
                .findings().get(0).fingerprint();

        assertEquals(fp1, fp2, "the same cause has the same fingerprint whatever else drifted");
        assertNotEquals(fp1, other, "another after-value is another cause");
        assertNotEquals(fp1, elsewhere, "another resource is another cause");
        assertEquals(fp1, ReportJson.read(ReportJson.write(build(List.of(check("orders", "b", before,
                Json.check("coverage", "0.5").toString())))), "t").findings().get(0).fingerprint());
    }

    @Test
    void aRemovedContainerCarriesItsRemovedChecksAndComputedFieldsAsOneFinding() {
        List<ResourceDelta> deltas = new ArrayList<>();
        deltas.add(container("orders", "{name: 'orders', container_type: 'table'}", null));
        for (int i = 0; i < 12; i++) {
            deltas.add(check("orders", "not_null__c" + i, "{rule_type: 'notNull', container: 'orders', fields: ['c" + i + "']}", null));
        }
        deltas.add(computedField("orders", "total", "{name: 'total'}", null));
        deltas.add(computedField("orders", "net", "{name: 'net'}", null));
        deltas.add(check("customers", "not_null__id", "{rule_type: 'notNull', container: 'customers', fields: ['id']}", null));

        DriftReport report = build(deltas);

        assertEquals(List.of("container `orders` removed with 2 computed fields and 12 checks",
                        "check `customers__not_null__id` (container `customers`) removed"),
                report.findings().stream().map(Finding::title).toList());
        Finding container = report.findings().get(0);
        assertEquals(15, container.files().size(), "the finding covers the container's files");
        assertEquals(Map.of("checks", 12, "computed_fields", 2), container.moved());
        assertEquals(Severity.LOOSENING, container.severity(), "removing checks loosens the gate");
        assertEquals(16, report.changes().size(), "the file-level changes stay one per file");
    }

    @Test
    void findingsComeInTypeOrderAndCompareEnvsSaysWhichSideHasWhat() {
        Origin sides = Origin.sides(new Origin.Side("dev", "dev.qualytics.io", List.of(), null, null),
                new Origin.Side("prod", "prod.qualytics.io", List.of(), null, null));
        List<ResourceDelta> deltas = List.of(
                check("orders", "b", Json.check().toString(), Json.check("coverage", "0.5").toString()),
                new ResourceDelta("connections", null, null, "pg", "connections/pg.yaml", null, Json.of("{name: 'pg'}")),
                container("orders", "{name: 'orders'}", null));
        DriftReport report = ReportBuilder.build("compare-envs", sides, deltas, IgnoreRules.none(), List.of());
        assertEquals(List.of("connection `pg` only in prod", "container `orders` only in dev",
                        "check `orders__b` (container `orders`) differs: coverage 0.98 → 0.5"),
                report.findings().stream().map(Finding::title).toList());
    }

    @Test
    void valuesAreMaskedWhenSecretAndCutWhenLong() {
        String longText = "x".repeat(200);
        FieldChange secret = new FieldChange("parameters.api_token", Json.of("'a'"), Json.of("'sk-live-123'"));
        FieldChange description = new FieldChange("description", null, com.fasterxml.jackson.databind.node.TextNode.valueOf(longText));
        assertEquals("parameters.api_token *** → ***", ValueText.change(secret));
        String cut = ValueText.change(description);
        assertTrue(cut.startsWith("description (none) → xxx") && cut.endsWith("…"), cut);
        assertEquals("description (none) → ".length() + ValueText.MAX_VALUE_CHARS, cut.length(), cut);
        assertEquals("a 1 → 2, b 1 → 2 (+1 more)", ValueText.changes(List.of(
                new FieldChange("a", Json.of("1"), Json.of("2")), new FieldChange("b", Json.of("1"), Json.of("2")),
                new FieldChange("c", Json.of("1"), Json.of("2"))), 2));
        DriftReport report = build(List.of(new ResourceDelta("connections", null, null, "pg", "connections/pg.yaml",
                Json.of("{name: 'pg', password: 'old'}"), Json.of("{name: 'pg', password: 'hunter2'}"))));
        assertFalse(ReportJson.write(report).contains("hunter2"));
        assertEquals("connection `pg` modified: password *** → ***", report.findings().get(0).title());
    }

    /** The files of a container `orders` (12 checks, 2 computed fields) as removed, and the same under `name` as added. */
    static List<ResourceDelta> containerFiles(String name, boolean removed) {
        List<ResourceDelta> deltas = new ArrayList<>();
        String body = "{name: '" + name + "', container_type: 'table', datastore_name: 'prod-warehouse', description: null}";
        deltas.add(removed ? container(name, body, null) : container(name, null, body));
        for (int i = 0; i < 12; i++) {
            String check = "{rule_type: 'notNull', container: '" + name + "', fields: ['c" + i + "'], coverage: 1,"
                    + " additional_metadata: {_qualytics_check_uid: '" + name + "__not_null__c" + i + "'}}";
            deltas.add(removed ? check(name, "not_null__c" + i, check, null) : check(name, "not_null__c" + i, null, check));
        }
        for (String field : List.of("net", "total")) {
            String cf = "{name: '" + field + "', transformation: 'cast', source_fields: ['amount'], properties: {}}";
            deltas.add(removed ? computedField(name, field, cf, null) : computedField(name, field, null, cf));
        }
        return deltas;
    }

    @Test
    void aRenamedContainerIsOneFindingAndOneRenamedChangePerFile() {
        List<ResourceDelta> deltas = new ArrayList<>(containerFiles("orders", true));
        deltas.addAll(containerFiles("orders_v2", false));
        java.util.Collections.shuffle(deltas, new java.util.Random(7));

        DriftReport report = build(deltas);

        assertEquals(List.of("container `orders` renamed to `orders_v2`: 2 computed fields and 12 checks moved, nothing else changed"),
                report.findings().stream().map(Finding::title).toList());
        Finding finding = report.findings().get(0);
        assertEquals("renamed", finding.cause());
        assertEquals(Map.of("checks", 12, "computed_fields", 2), finding.moved());
        assertEquals(15, finding.files().size());
        assertEquals(15, report.changes().size(), "one renamed change per file");
        assertTrue(report.changes().stream().allMatch(c -> c.kind() == ChangeKind.RENAMED && c.fields().isEmpty()
                && c.from() != null && c.from().contains("/orders/") && c.file().contains("/orders_v2/")), report.changes().toString());
        assertEquals(15, report.summary().renamed());
        assertEquals(0, report.summary().added() + report.summary().removed());
        assertEquals(report, ReportJson.read(ReportJson.write(report), "t"), "renamed changes survive the JSON round trip");
    }

    @Test
    void aRenamedContainerWhoseCheckAlsoChangedSaysSoAndListsThatCheckOnItsOwn() {
        List<ResourceDelta> deltas = new ArrayList<>(containerFiles("orders", true));
        List<ResourceDelta> after = new ArrayList<>(containerFiles("orders_v2", false));
        after.set(1, check("orders_v2", "not_null__c0", null, "{rule_type: 'notNull', container: 'orders_v2', fields: ['c0'],"
                + " coverage: 0.5, additional_metadata: {_qualytics_check_uid: 'orders_v2__not_null__c0'}}"));
        deltas.addAll(after);

        DriftReport report = build(deltas);

        assertEquals(List.of("container `orders` renamed to `orders_v2`: 2 computed fields and 11 checks moved, "
                        + "1 resource moved and changed (listed on their own)",
                "check `orders_v2__not_null__c0` moved from container `orders` to `orders_v2`: coverage 1 → 0.5"),
                report.findings().stream().map(Finding::title).toList());
        assertEquals(Severity.LOOSENING, report.findings().get(1).severity());
    }

    @Test
    void aCheckWhoseFieldsChangedIsOneModifiedCheckByStoredUidOrByContent() {
        String before = "{rule_type: 'notNull', container: 'orders', fields: ['a'], coverage: 1, additional_metadata: {_qualytics_check_uid: 'keep-me'}}";
        String after = "{rule_type: 'notNull', container: 'orders', fields: ['b'], coverage: 1, additional_metadata: {_qualytics_check_uid: 'keep-me'}}";
        DriftReport byUid = build(List.of(check("orders", "not_null__a", before, null), check("orders", "not_null__b", null, after)));
        assertEquals(1, byUid.changes().size(), byUid.changes().toString());
        ResourceChange change = byUid.changes().get(0);
        assertEquals(ChangeKind.MODIFIED, change.kind());
        assertEquals(DS + "checks/orders/not_null__a.yaml", change.from());
        assertEquals(DS + "checks/orders/not_null__b.yaml", change.file());
        assertEquals(List.of("fields"), change.fields().stream().map(FieldChange::path).toList());
        assertEquals("check `orders__not_null__b` (container `orders`) modified: fields [\"a\"] → [\"b\"]",
                byUid.findings().get(0).title());

        DriftReport byContent = build(List.of(
                check("orders", "not_null__a", before.replace("keep-me", "orders__not_null__a"), null),
                check("orders", "not_null__b", null, after.replace("keep-me", "orders__not_null__b")),
                check("orders", "unique__id", "{rule_type: 'unique', container: 'orders', fields: ['id']}", null)));
        assertEquals(List.of("modified", "removed"), byContent.changes().stream().map(c -> c.kind().id()).toList());
        assertEquals(List.of("fields"), byContent.changes().get(0).fields().stream().map(FieldChange::path).toList(),
                "the computed uid following the fields is no change of its own");
    }

    @Test
    void lookAlikesThatCannotBeToldApartStayAddedAndRemoved() {
        List<ResourceDelta> deltas = List.of(
                container("a", "{name: 'a', container_type: 'table'}", null),
                container("b", "{name: 'b', container_type: 'table'}", null),
                container("c", null, "{name: 'c', container_type: 'table'}"),
                container("d", null, "{name: 'd', container_type: 'table'}"));
        DriftReport report = build(deltas);
        assertEquals(List.of("added", "added", "removed", "removed"),
                report.changes().stream().map(c -> c.kind().id()).sorted().toList(), "two look-alikes each way: no guess");
        assertEquals(0, report.summary().renamed());
    }

    @Test
    void aRenamedConnectionCarriesTheDatastoresThatOnlyFollowedItsName() {
        List<ResourceDelta> deltas = List.of(
                new ResourceDelta("connections", null, null, "pg", "connections/pg.yaml", Json.of("{name: 'pg', host: 'h', port: 5432}"), null),
                new ResourceDelta("connections", null, null, "pg-main", "connections/pg_main.yaml", null, Json.of("{name: 'pg-main', host: 'h', port: 5432}")),
                new ResourceDelta("datastores", "prod-warehouse", null, "prod-warehouse", DS + "_datastore.yaml",
                        Json.of("{name: 'prod-warehouse', connection_name: 'pg'}"), Json.of("{name: 'prod-warehouse', connection_name: 'pg-main'}")));
        DriftReport report = build(deltas);
        assertEquals(List.of("connection `pg` renamed to `pg-main`: 1 reference to it updated, nothing else changed"),
                report.findings().stream().map(Finding::title).toList());
        assertEquals(List.of("connections/pg_main.yaml", DS + "_datastore.yaml"), report.findings().get(0).files());
    }
}
