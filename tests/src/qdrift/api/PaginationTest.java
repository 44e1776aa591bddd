package qdrift.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.cli.Log;

class PaginationTest {
    private static final String CHECKS = "/api/quality-checks";
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private void stubPage(int page, String size, String body) {
        server.stubFor(get(urlPathEqualTo(CHECKS)).withQueryParam("datastore", equalTo("42"))
                .withQueryParam("page", equalTo(String.valueOf(page))).withQueryParam("size", equalTo(size))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static List<Integer> ids(List<ObjectNode> items) {
        return items.stream().map(item -> item.get("id").asInt()).sorted().toList();
    }

    @Test
    void threePagesReturnEveryItemExactlyOnce() {
        stubPage(1, "10", TestApi.page(TestApi.range(1, 10), 25, 1, 10));
        stubPage(2, "10", TestApi.page(TestApi.range(11, 20), 25, 2, 10));
        stubPage(3, "10", TestApi.page(TestApi.range(21, 25), 25, 3, 10));
        try (QualyticsClient client = TestApi.client(server.baseUrl(), TestApi.quickRetries(Log.silent()).withPageSize(10))) {
            List<ObjectNode> checks = client.qualityChecks(42);
            assertEquals(TestApi.range(1, 25), ids(checks));
            assertEquals("item-7", checks.stream().filter(c -> c.get("id").asInt() == 7).findFirst().orElseThrow().get("name").asText(),
                    "items come back as the server sent them");
        }
        server.verify(3, getRequestedFor(urlPathEqualTo(CHECKS)));
    }

    @Test
    @qdrift.testing.Fault(group = "api-shape")
    void aServerThatClampsThePageSizeStillYieldsEverything() {
        stubPage(1, "100", TestApi.page(TestApi.range(1, 7), 20, 1, 7));
        stubPage(2, "7", TestApi.page(TestApi.range(8, 14), 20, 2, 7));
        stubPage(3, "7", TestApi.page(TestApi.range(15, 20), 20, 3, 7));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals(TestApi.range(1, 20), ids(client.qualityChecks(42)));
        }
    }

    @Test
    @qdrift.testing.Fault(group = "api-shape")
    void anItemShiftedOntoTheNextPageIsCountedOnceAndTheGapIsCaught() {
        // someone deleted item 5 and created 31 between our pages: 10 shifts onto page 2 and 31 appears
        stubPage(1, "10", TestApi.page(TestApi.range(1, 10), 20, 1, 10));
        stubPage(2, "10", TestApi.page(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), 20, 2, 10));
        try (QualyticsClient client = TestApi.client(server.baseUrl(), TestApi.quickRetries(Log.silent()).withPageSize(10))) {
            Failure failure = TestApi.failureOf(() -> client.qualityChecks(42));
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().contains("expected 20 items, got 19"), failure.getMessage());
        }
        server.verify(2 * Pager.ATTEMPTS, getRequestedFor(urlPathEqualTo(CHECKS)));
    }

    @Test
    @qdrift.testing.Fault(group = "api-shape")
    void aTotalThatChangesMidListingTriggersAFreshListing() {
        String edited = "edited";
        // first listing: page 1 says 15, page 2 (after an edit) says 16
        server.stubFor(get(urlPathEqualTo(CHECKS)).withQueryParam("page", equalTo("1"))
                .inScenario("edit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo(edited)
                .willReturn(aResponse().withBody(TestApi.page(TestApi.range(1, 10), 15, 1, 10))));
        // second listing: both pages agree on 16
        server.stubFor(get(urlPathEqualTo(CHECKS)).withQueryParam("page", equalTo("1"))
                .inScenario("edit").whenScenarioStateIs(edited)
                .willReturn(aResponse().withBody(TestApi.page(TestApi.range(1, 10), 16, 1, 10))));
        server.stubFor(get(urlPathEqualTo(CHECKS)).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withBody(TestApi.page(TestApi.range(11, 16), 16, 2, 10))));
        try (QualyticsClient client = TestApi.client(server.baseUrl(), TestApi.quickRetries(Log.silent()).withPageSize(10))) {
            assertEquals(TestApi.range(1, 16), ids(client.qualityChecks(42)));
        }
        server.verify(2, getRequestedFor(urlPathEqualTo(CHECKS)).withQueryParam("page", equalTo("1")));
    }

    @Test
    @qdrift.testing.Fault(group = "api-shape")
    void aListThatNeverSettlesFailsAfterBoundedAttemptsSayingToRetry() {
        stubPage(1, "10", TestApi.page(TestApi.range(1, 10), 15, 1, 10));
        stubPage(2, "10", TestApi.page(TestApi.range(11, 16), 16, 2, 10));
        try (QualyticsClient client = TestApi.client(server.baseUrl(), TestApi.quickRetries(Log.silent()).withPageSize(10))) {
            Failure failure = TestApi.failureOf(() -> client.qualityChecks(42));
            assertEquals(ExitCode.API, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("the server changed while listing quality checks"), failure.getMessage());
            assertTrue(failure.getMessage().contains("retry"), failure.getMessage());
        }
        server.verify(Pager.ATTEMPTS, getRequestedFor(urlPathEqualTo(CHECKS)).withQueryParam("page", equalTo("1")));
    }

    @Test
    void anEmptyListIsOneRequest() {
        stubPage(1, "100", TestApi.page(List.of(), 0, 1, 100));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals(List.of(), client.qualityChecks(42));
        }
        server.verify(1, getRequestedFor(urlPathEqualTo(CHECKS)));
    }
}
