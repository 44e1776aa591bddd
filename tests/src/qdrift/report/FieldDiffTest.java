package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

    private static List<String> paths(String before, String after) {
        return FieldDiff.between(Json.of(before), Json.of(after)).stream().map(FieldChange::path).toList();
    }

    @Test
    void equalBodiesHaveNoChanges() {
        assertEquals(List.of(), FieldDiff.between(Json.check(), Json.check()));
    }

    @Test
    void nestedValuesAreNamedByDottedPathsWithBothSides() {
        List<FieldChange> changes = FieldDiff.between(Json.check(), Json.check("properties.max", "250000"));
        assertEquals(1, changes.size(), changes.toString());
        FieldChange change = changes.get(0);
        assertEquals("properties.max", change.path());
        assertEquals(100000, change.before().asInt());
        assertEquals(250000, change.after().asInt());
    }

    @Test
    void keysWithDotsOrSpacesAreQuoted() {
        assertEquals(List.of("additional_metadata[\"from quality check id\"]", "additional_metadata[\"v1.2\"]"),
                paths("{additional_metadata: {'from quality check id': '99', 'v1.2': 1}}",
                        "{additional_metadata: {'from quality check id': '100', 'v1.2': 2}}"));
    }

    @Test
    void listsOfScalarsChangeAsAWhole() {
        List<FieldChange> changes = FieldDiff.between(Json.check(), Json.check("tags", "['finance']"));
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("tags", changes.get(0).path());
        assertEquals(Json.of("['data-quality', 'finance']"), changes.get(0).before());
        assertEquals(Json.of("['finance']"), changes.get(0).after());
    }

    @Test
    void listsOfObjectsOfEqualLengthAreComparedItemByItem() {
        assertEquals(List.of("sources[1].alias"),
                paths("{sources: [{container_name: 'a', alias: 'x'}, {container_name: 'b', alias: 'y'}]}",
                        "{sources: [{container_name: 'a', alias: 'x'}, {container_name: 'b', alias: 'z'}]}"));
        assertEquals(List.of("sources"),
                paths("{sources: [{container_name: 'a'}]}", "{sources: [{container_name: 'a'}, {container_name: 'b'}]}"),
                "a list of objects that grew changes as a whole");
    }

    @Test
    void aKeyOnOneSideOnlyIsAChangeWithTheOtherSideNull() {
        List<FieldChange> added = FieldDiff.between(Json.check(), Json.check("anomaly_message_field", "'total_amount'"));
        assertEquals("anomaly_message_field", added.get(0).path());
        assertNull(added.get(0).before());
        List<FieldChange> removed = FieldDiff.between(Json.check(), Json.check("filter", null));
        assertEquals("filter", removed.get(0).path());
        assertNull(removed.get(0).after());
    }

    @Test
    void explicitNullEqualsAMissingKeyAndNumbersCompareByValue() {
        assertEquals(List.of(), paths("{filter: null, coverage: 1}", "{coverage: 1.0}"));
    }

    @Test
    void aResourceThatAppearsIsOneChangePerTopLevelField() {
        List<FieldChange> changes = FieldDiff.between(null, Json.of("{name: 'a', port: 5432}"));
        assertEquals(List.of("name", "port"), changes.stream().map(FieldChange::path).toList());
        assertTrue(changes.stream().allMatch(c -> c.before() == null));
    }

    @Test
    void pathsAreSortedAndTheResultIsDeterministic() {
        String before = "{z: 1, a: {y: 1, b: 1}, m: [{k: 1}, {k: 1}], list: [1, 2]}";
        String after = "{a: {b: 2, y: 2}, z: 2, m: [{k: 2}, {k: 2}], list: [2, 1]}";
        List<String> expected = List.of("a.b", "a.y", "list", "m[0].k", "m[1].k", "z");
        assertEquals(expected, paths(before, after));
        assertEquals(expected, paths(before, after), "same input, same output");
    }
}
