package dev.oddshop.gateway;

import dev.oddshop.platform.web.ProblemBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details from the gateway's own filters and handlers. */
@Component
public class Problems {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String kind, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        String instance = exchange.getAttributeOrDefault(
                RequestIdFilter.PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        Map<String, Object> body = ProblemBody.of(status, kind, detail, instance);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
