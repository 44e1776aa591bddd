package qdrift.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How checks are paired across environments: by uid, then by container+rule+fields+filter, never by guessing. */
class CheckMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckMatcher.Check check(String path, String uid, String filter, double coverage) {
        ObjectNode body = JSON.createObjectNode().put("container", "orders").put("rule_type", "notNull").put("coverage", coverage);
        body.putArray("fields").add("id");
        body.put("filter", filter);
        body.putObject("additional_metadata").put("_qualytics_check_uid", uid);
        return new CheckMatcher.Check(path, body);
    }

    @Test
    void duplicatesNumberedByServerIdArePairedByFilterAndTakeTheRightUid() {
        List<CheckMatcher.Check> dev = List.of(check("a", "orders__notnull__id", "x", 1), check("b", "orders__notnull__id__101", "y", 1));
        List<CheckMatcher.Check> prod = List.of(check("c", "orders__notnull__id__5002", "x", 1), check("d", "orders__notnull__id", "y", 1));

        CheckMatcher.Result result = CheckMatcher.match(dev, prod, "dev", "prod");

        assertEquals(2, result.pairs().size(), result.toString());
        for (CheckMatcher.Pair pair : result.pairs()) {
            assertEquals(pair.right().body(), pair.left().body(), "paired by filter, identical once the uid is adopted: " + pair);
        }
    }

    @Test
    void aCheckEditedOnOneSideIsPairedByItsUid() {
        CheckMatcher.Result result = CheckMatcher.match(List.of(check("a", "u1", "x", 1)), List.of(check("b", "u1", "z", 0.5)), "dev", "prod");

        assertEquals(1, result.pairs().size(), result.toString());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
    }

    @Test
    void checksThatCannotBeToldApartAreReportedUnpairedWithAWarning() {
        List<CheckMatcher.Check> dev = List.of(check("a", "u1", "x", 1), check("b", "u2", "y", 1));
        List<CheckMatcher.Check> prod = List.of(check("c", "v1", "p", 1), check("d", "v2", "q", 1));

        CheckMatcher.Result result = CheckMatcher.match(dev, prod, "dev", "prod");

        assertEquals(0, result.pairs().size(), result.toString());
        assertEquals(2, result.leftOnly().size());
        assertEquals(2, result.rightOnly().size());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("cannot tell apart 2 check(s) in dev and 2 in prod"), result.warnings().get(0));
    }
}
