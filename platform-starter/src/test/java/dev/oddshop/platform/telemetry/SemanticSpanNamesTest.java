package dev.oddshop.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.mock.http.client.MockClientHttpRequest;

class SemanticSpanNamesTest {

    @Test
    void clientSpansAreNamedByMethodAndPathTemplate() {
        ClientRequestObservationContext context = new ClientRequestObservationContext(new MockClientHttpRequest(
                HttpMethod.PUT, URI.create("http://localhost:8082/internal/reservations/42")));
        context.setUriTemplate("http://localhost:8082/internal/reservations/{orderId}");
        assertThat(new SemanticSpanNames.Client().getContextualName(context))
                .isEqualTo("PUT /internal/reservations/{orderId}");
    }

    @Test
    void aClientSpanWithoutTemplateIsNamedByItsMethod() {
        ClientRequestObservationContext context = new ClientRequestObservationContext(
                new MockClientHttpRequest(HttpMethod.GET, URI.create("http://localhost:8081/x")));
        assertThat(new SemanticSpanNames.Client().getContextualName(context)).isEqualTo("GET");
    }
}
