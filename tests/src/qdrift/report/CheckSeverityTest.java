package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every severity rule, one row each: what changed in the between check of the examples, and what it means. */
class CheckSeverityTest {

    static ObjectNode rule(String ruleType, String properties) {
        ObjectNode body = Json.check();
        body.put("rule_type", ruleType);
        body.set("properties", Json.of(properties));
        return body;
    }

    static ObjectNode with(ObjectNode body, String key, String value) {
        ObjectNode copy = body.deepCopy();
        copy.set(key, Json.of(value));
        return copy;
    }

    static Stream<Arguments> table() {
        ObjectNode check = Json.check();
        ObjectNode draft = Json.check("status", "'Draft'");
        ObjectNode noFilter = Json.check("filter", null);
        ObjectNode greater = rule("greaterThan", "{value: 10, inclusive: false}");
        ObjectNode less = rule("lessThan", "{value: 10, inclusive: false}");
        ObjectNode maxLength = rule("maxLength", "{value: 20}");
        ObjectNode minLength = rule("minLength", "{value: 2}");
        ObjectNode expected = rule("expectedValues", "{list: ['a', 'b']}");
        ObjectNode times = rule("betweenTimes", "{min_time: '09:00', max_time: '17:00'}");
        ObjectNode expression = rule("satisfiesExpression", "{expression: 'a > b'}");
        return Stream.of(
                row("check removed", check, null, Severity.LOOSENING),
                row("check added", null, check, Severity.TIGHTENING),
                row("Active -> Draft", check, draft, Severity.LOOSENING),
                row("Active -> Disabled", check, Json.check("status", "'Disabled'"), Severity.LOOSENING),
                row("Active -> Archived", check, Json.check("status", "'Archived'"), Severity.LOOSENING),
                row("Draft -> Active", draft, check, Severity.TIGHTENING),
                row("Draft -> Archived enforces nothing either way", draft, with(draft, "status", "'Archived'"), Severity.NEUTRAL),
                row("coverage lowered", check, Json.check("coverage", "0.9"), Severity.LOOSENING),
                row("coverage raised", check, Json.check("coverage", "1"), Severity.TIGHTENING),
                row("between min lowered", check, Json.check("properties.min", "-5"), Severity.LOOSENING),
                row("between min raised", check, Json.check("properties.min", "5"), Severity.TIGHTENING),
                row("between max raised", check, Json.check("properties.max", "250000"), Severity.LOOSENING),
                row("between max lowered", check, Json.check("properties.max", "5000"), Severity.TIGHTENING),
                row("inclusive_max false -> true", check, Json.check("properties.inclusive_max", "true"), Severity.LOOSENING),
                row("inclusive_min true -> false", check, Json.check("properties.inclusive_min", "false"), Severity.TIGHTENING),
                row("greaterThan value lowered", greater, rule("greaterThan", "{value: 5, inclusive: false}"), Severity.LOOSENING),
                row("greaterThan value raised", greater, rule("greaterThan", "{value: 50, inclusive: false}"), Severity.TIGHTENING),
                row("greaterThan made inclusive", greater, rule("greaterThan", "{value: 10, inclusive: true}"), Severity.LOOSENING),
                row("lessThan value raised", less, rule("lessThan", "{value: 50, inclusive: false}"), Severity.LOOSENING),
                row("lessThan value lowered", less, rule("lessThan", "{value: 5, inclusive: false}"), Severity.TIGHTENING),
                row("maxLength raised", maxLength, rule("maxLength", "{value: 40}"), Severity.LOOSENING),
                row("minLength raised", minLength, rule("minLength", "{value: 3}"), Severity.TIGHTENING),
                row("betweenTimes window widened", times, rule("betweenTimes", "{min_time: '08:00', max_time: '17:00'}"), Severity.LOOSENING),
                row("filter added", noFilter, check, Severity.LOOSENING),
                row("filter removed", check, noFilter, Severity.TIGHTENING),
                row("filter changed", check, Json.check("filter", "\"region = 'US'\""), Severity.UNKNOWN),
                row("expectedValues grown", expected, rule("expectedValues", "{list: ['a', 'b', 'c']}"), Severity.LOOSENING),
                row("expectedValues shrunk", expected, rule("expectedValues", "{list: ['a']}"), Severity.TIGHTENING),
                row("expectedValues swapped", expected, rule("expectedValues", "{list: ['a', 'c']}"), Severity.UNKNOWN),
                row("rule_type changed", check, Json.check("rule_type", "'notNull'"), Severity.UNKNOWN),
                row("fields changed", check, Json.check("fields", "['net_amount']"), Severity.UNKNOWN),
                row("container changed", check, Json.check("container", "'orders_eu'"), Severity.UNKNOWN),
                row("container_name changed", with(noFilter, "container_name", "'a'"), with(noFilter, "container_name", "'b'"), Severity.UNKNOWN),
                row("expression rewritten", expression, rule("satisfiesExpression", "{expression: 'a >= b'}"), Severity.UNKNOWN),
                row("description only", check, Json.check("description", "'Totals'"), Severity.NEUTRAL),
                row("tags only", check, Json.check("tags", "['finance']"), Severity.NEUTRAL),
                row("additional_metadata only", check, Json.check("additional_metadata.jira", "'DQ-2'"), Severity.NEUTRAL),
                row("anomaly_message_field only", check, Json.check("anomaly_message_field", "'order_id'"), Severity.NEUTRAL),
                row("an unknown new field could mean anything", check, Json.check("sampling", "0.5"), Severity.UNKNOWN),
                row("loosening wins over tightening and unknown", check,
                        with(with(Json.check("coverage", "1"), "filter", "'x'"), "properties", "{min: 0, max: 1, inclusive_min: true, inclusive_max: true}"),
                        Severity.LOOSENING),
                row("unknown wins over tightening", check, with(Json.check("coverage", "1"), "filter", "'x'"), Severity.UNKNOWN),
                row("tightening wins over neutral", check, with(Json.check("coverage", "1"), "description", "'x'"), Severity.TIGHTENING));
    }

    static Arguments row(String what, JsonNode before, JsonNode after, Severity expected) {
        return Arguments.of(what, before, after, expected);
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("table")
    void classifies(String what, JsonNode before, JsonNode after, Severity expected) {
        assertEquals(expected, CheckSeverity.classify(before, after),
                what + ": " + FieldDiff.between(before, after));
    }
}
