package qdrift.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each method reads the endpoint the API contract names, with the bearer token and the `datastore` parameter. */
class EndpointsTest {
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Test
    void aDatastoreIsReturnedAsTheServerSentItWithTheTokenAsBearer() {
        String body = "{\"id\":10,\"name\":\"prod-warehouse\",\"coverage\":1.0,\"tags\":[\"a\"],\"additional_metadata\":null}";
        server.stubFor(get(urlPathEqualTo("/api/datastores/10")).willReturn(okJson(body)));
        try (QualyticsClient client = TestApi.client(server.baseUrl() + "/api/")) {
            ObjectNode datastore = client.datastore(10);
            assertEquals(body, datastore.toString(), "raw JSON, untouched");
        }
        server.verify(getRequestedFor(urlPathEqualTo("/api/datastores/10")).withHeader("Authorization", equalTo("Bearer " + TestApi.TOKEN)));
    }

    @Test
    void containersAndChecksAreListedByTheDatastoreParameterWithArchivedChecksIncluded() {
        server.stubFor(get(urlPathEqualTo("/api/containers")).withQueryParam("datastore", equalTo("10"))
                .willReturn(okJson(TestApi.page(List.of(100, 101), 2, 1, 100))));
        server.stubFor(get(urlPathEqualTo("/api/quality-checks")).withQueryParam("datastore", equalTo("10"))
                .withQueryParam("archived", equalTo("include"))
                .willReturn(okJson(TestApi.page(List.of(1), 1, 1, 100))));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals(2, client.containers(10).size());
            assertEquals(1, client.qualityChecks(10).size());
        }
    }

    @Test
    void containerDetailsComeBackInTheOrderOfTheIdsAsked() {
        for (long id : List.of(100L, 101L, 102L, 103L)) {
            server.stubFor(get(urlPathEqualTo("/api/containers/" + id)).willReturn(okJson("{\"id\":" + id + ",\"computed_fields\":[]}")));
        }
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            List<Long> asked = List.of(103L, 100L, 102L, 101L);
            assertEquals(asked, client.containerDetails(asked).stream().map(c -> c.get("id").asLong()).toList());
        }
    }

    @Test
    void theContainerListingIsAPlainArray() {
        server.stubFor(get(urlPathEqualTo("/api/containers/listing")).withQueryParam("datastore", equalTo("10"))
                .willReturn(okJson("[{\"id\":100,\"name\":\"orders\",\"container_type\":\"table\"}]")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals("orders", client.containerListing(10).get(0).get("name").asText());
        }
    }

    @Test
    void connectionsDatastoresAndStatusAreRead() {
        server.stubFor(get(urlPathEqualTo("/api/connections/1")).willReturn(okJson("{\"id\":1,\"name\":\"prod-pg\"}")));
        server.stubFor(get(urlPathEqualTo("/api/connections")).willReturn(okJson(TestApi.page(List.of(1, 2), 2, 1, 100))));
        server.stubFor(get(urlPathEqualTo("/api/datastores")).willReturn(okJson(TestApi.page(List.of(10), 1, 1, 100))));
        server.stubFor(get(urlPathEqualTo("/api/status")).willReturn(okJson("{\"status\":\"ok\"}")));
        try (QualyticsClient client = TestApi.client(server.baseUrl())) {
            assertEquals("prod-pg", client.connection(1).get("name").asText());
            assertEquals(2, client.connections().size());
            assertEquals(10, client.datastores().get(0).get("id").asInt());
            assertEquals("ok", client.status().get("status").asText());
            assertEquals(4, client.stats().requests());
        }
    }
}
