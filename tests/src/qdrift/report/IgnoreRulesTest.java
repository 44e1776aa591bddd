package qdrift.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;

class IgnoreRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    static final String CHECK_FILE = "datastores/prod_warehouse/checks/orders/between__total_amount.yaml";

    static IgnoreRules rules(String yaml, String... options) {
        return IgnoreRules.parse(yaml, ".driftignore", List.of(options), TODAY);
    }

    static ResourceChange modified(String type, String file, String... paths) {
        List<FieldChange> fields = java.util.Arrays.stream(paths).map(p -> new FieldChange(p, null, null)).toList();
        return new ResourceChange(type, "prod-warehouse", "orders", "between total_amount", file, ChangeKind.MODIFIED, null, fields, null);
    }

    static ResourceChange added(String type, String file) {
        return new ResourceChange(type, "prod-warehouse", "orders", "x", file, ChangeKind.ADDED, null, List.of(), null);
    }

    static List<String> paths(ResourceChange change) {
        return change.fields().stream().map(FieldChange::path).toList();
    }

    @Test
    void aFieldRuleRemovesExactlyTheMatchingFieldChanges() {
        IgnoreRules rules = rules("""
                rules:
                  - type: checks
                    fields: ["additional_metadata.jira", "properties.*"]
                    reason: Jira links are edited in the UI by design
                """);
        IgnoreRules.Outcome outcome = rules.apply(modified("checks", CHECK_FILE,
                "additional_metadata.jira", "additional_metadata.owner", "coverage", "properties.max"));
        assertNull(outcome.ignored());
        assertEquals(List.of("additional_metadata.owner", "coverage"), paths(outcome.reported()));
    }

    @Test
    void whenNoFieldIsLeftTheWholeChangeIsIgnoredNamingTheRule() {
        IgnoreRules rules = rules("""
                rules:
                  - type: connections
                    reason: not ours
                  - fields: [additional_metadata]
                    reason: metadata is free-form
                """);
        IgnoreRules.Outcome outcome = rules.apply(modified("checks", CHECK_FILE, "additional_metadata.jira",
                "additional_metadata[\"from quality check id\"]"));
        assertNull(outcome.reported());
        assertEquals("rule 2: metadata is free-form", outcome.ignored().ignoredBy());
        assertEquals(2, outcome.ignored().fields().size(), "the ignored change keeps its fields for the record");
    }

    @Test
    void aRuleWithoutFieldsIgnoresWholeResourcesAddedOnesIncluded() {
        IgnoreRules rules = rules("""
                rules:
                  - file: "datastores/*/checks/orders/**"
                    reason: orders checks are owned by the UI team
                """);
        assertEquals("rule 1: orders checks are owned by the UI team",
                rules.apply(added("checks", CHECK_FILE)).ignored().ignoredBy());
        assertEquals("rule 1: orders checks are owned by the UI team",
                rules.apply(modified("checks", CHECK_FILE, "coverage")).ignored().ignoredBy());
        ResourceChange elsewhere = added("checks", "datastores/prod_warehouse/checks/customers/not_null__id.yaml");
        assertEquals(elsewhere, rules.apply(elsewhere).reported(), "the file glob limits the rule to the orders folder");
    }

    @Test
    void fieldRulesNeverHideAddedOrRemovedResources() {
        IgnoreRules rules = rules(null, "*:description");
        ResourceChange added = added("checks", CHECK_FILE);
        assertEquals(added, rules.apply(added).reported());
    }

    @Test
    void reBaseliningAfterAnUpgradeIsOneRuleForEveryType() {
        IgnoreRules rules = rules("""
                rules:
                  - type: "*"
                    fields: [new_field]
                    reason: added by the 2026.11 upgrade
                """);
        for (String type : List.of("connections", "datastores", "containers", "computed_fields", "checks")) {
            assertEquals("rule 1: added by the 2026.11 upgrade",
                    rules.apply(modified(type, type + "/x.yaml", "new_field")).ignored().ignoredBy(), type);
        }
    }

    @Test
    void anExpiredRuleDoesNotSuppressAndWarns() {
        IgnoreRules rules = rules("""
                rules:
                  - fields: [description]
                    reason: wording under review
                    expires: 2026-10-01
                  - fields: [tags]
                    reason: tags are being renamed
                    expires: 2026-12-01
                """);
        assertEquals(List.of("description"), paths(rules.apply(modified("checks", CHECK_FILE, "description")).reported()));
        assertNull(rules.apply(modified("checks", CHECK_FILE, "tags")).reported(), "rule 2 is still valid");
        assertEquals(List.of("ignore rule 1 (wording under review) expired on 2026-10-01 and no longer suppresses anything"),
                rules.warnings());
    }

    @Test
    void aRuleExpiresOnTheDayItNames() {
        IgnoreRules rules = IgnoreRules.parse("rules: [{fields: [tags], reason: r, expires: 2026-11-30}]", ".driftignore", List.of(), TODAY);
        assertEquals(1, rules.warnings().size());
    }

    @Test
    void ignoreOptionsTakeATypeOrAFileGlobAndFieldGlobs() {
        IgnoreRules rules = rules(null, "checks:additional_metadata.jira,description", "connections", "datastores/*/checks/orders/**:tags");
        assertEquals(List.of(
                new IgnoreRule(1, "checks", null, List.of("additional_metadata.jira", "description"), "--ignore", null),
                new IgnoreRule(2, "connections", null, null, "--ignore", null),
                new IgnoreRule(3, null, "datastores/*/checks/orders/**", List.of("tags"), "--ignore", null)), rules.rules());
        assertEquals("rule 1: --ignore", rules.apply(modified("checks", CHECK_FILE, "description")).ignored().ignoredBy());
    }

    @Test
    void fileRulesComeFirstAndOptionsAreNumberedAfterThem() {
        IgnoreRules rules = rules("rules: [{type: datastores, reason: r}]", "check:tags");
        assertEquals(List.of(1, 2), rules.rules().stream().map(IgnoreRule::number).toList());
        assertEquals("checks", rules.rules().get(1).type(), "'check' is accepted for checks");
    }

    @Test
    void anUnknownTypeIsAUsageError() {
        Failure inOption = assertThrows(Failure.class, () -> rules(null, "chekcs:tags"));
        assertEquals(ExitCode.USAGE, inOption.exitCode());
        assertTrue(inOption.getMessage().contains("unknown resource type 'chekcs'"), inOption.getMessage());
        Failure inFile = assertThrows(Failure.class, () -> rules("rules:\n  - type: chekcs\n    reason: r\n"));
        assertEquals(ExitCode.USAGE, inFile.exitCode());
        assertTrue(inFile.getMessage().startsWith(".driftignore line 2: unknown resource type 'chekcs'"), inFile.getMessage());
    }

    @Test
    void aMalformedFileNamesTheLine() {
        assertMalformed("rules:\n  - type: checks\n    fields: [tags]\n", ".driftignore line 2: rule 1 has no reason");
        assertMalformed("rules:\n  - reason: r\n    feilds: [tags]\n", ".driftignore line 3: unknown key 'feilds'");
        assertMalformed("rules:\n  - reason: r\n    fields: [tags]\n    expires: next year\n", ".driftignore line 4: 'expires' must be an ISO date");
        assertMalformed("ignore:\n  - reason: r\n", ".driftignore line 1: unknown key 'ignore'");
        assertMalformed("rules:\n  - reason: r\n    fields: [tags\n", ".driftignore line ");
        assertMalformed("rules:\n  - reason: only a reason\n", ".driftignore line 2: rule 1 matches nothing in particular");
    }

    @Test
    void aRuleCoveringEveryResourceIsRefusedButNarrowOrFieldRulesAreNot() {
        assertMalformed("rules:\n  - type: \"*\"\n    reason: r\n", ".driftignore line 2: rule 1 ignores every resource of every type");
        assertMalformed("rules:\n  - file: \"**\"\n    reason: r\n", ".driftignore line 2: rule 1 ignores every resource of every type");
        assertMalformed("rules:\n  - file: \"**/*\"\n    reason: r\n", ".driftignore line 2: rule 1 ignores every resource of every type");
        assertEquals(3, rules("""
                rules:
                  - {type: "*", fields: [new_field], reason: upgrade}
                  - {file: "datastores/*/checks/**", reason: checks of one layout}
                  - {type: checks, reason: all checks}
                """).rules().size());
        for (String option : List.of("", "  ", "*", "**", "**/*", "*/**")) {
            Failure failure = assertThrows(Failure.class, () -> rules(null, option), option);
            assertEquals(ExitCode.USAGE, failure.exitCode(), failure.getMessage());
        }
        assertEquals(3, rules(null, "checks", "*:description", "datastores/*/checks/**").rules().size());
    }

    private static void assertMalformed(String yaml, String expectedStart) {
        Failure failure = assertThrows(Failure.class, () -> rules(yaml), yaml);
        assertEquals(ExitCode.IO, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith(expectedStart), "expected '" + expectedStart + "...' but got: " + failure.getMessage());
    }

    @Test
    void loadReadsTheDriftignoreOfTheExportFolderWhenThereIsOne(@TempDir Path folder) throws IOException {
        Clock clock = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        assertEquals(List.of(), IgnoreRules.load(folder, List.of(), clock).rules());
        Files.writeString(folder.resolve(".driftignore"), "rules:\n  - fields: [tags]\n    reason: r\n    expires: 2026-11-30\n");
        IgnoreRules rules = IgnoreRules.load(folder, List.of("connections"), clock);
        assertEquals(2, rules.rules().size());
        assertEquals(1, rules.warnings().size(), "the clock decides what has expired");
    }

    @Test
    void fieldGlobsCoverDescendantsAndQuotedKeysButNotLookalikes() {
        IgnoreRules rules = rules(null, "*:properties,additional_metadata.*");
        assertNull(rules.apply(modified("checks", CHECK_FILE, "properties.max", "additional_metadata[\"from quality check id\"]")).reported());
        assertEquals(List.of("properties_extra"), paths(rules.apply(modified("checks", CHECK_FILE, "properties_extra")).reported()));
    }
}
