package dev.oddshop.gateway.fault;

import dev.oddshop.platform.web.ProblemTypes;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's own {@code /admin/faults}, called with the admin's token: the fan-out, the
 * scenarios and the surprise mode all switch faults through it. The service validates and answers
 * for its faults; its answer comes back unchanged.
 */
@Component
@ConditionalOnBooleanProperty("shop.faults.enabled")
@EnableConfigurationProperties(FaultTargets.class)
public class ServiceFaults {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, URI> services;

    private final WebClient http;

    private final JsonMapper json;

    ServiceFaults(FaultTargets targets, LoadBalancedExchangeFilterFunction loadBalancer, JsonMapper json) {
        this.services = targets.services();
        // any live instance answers for its service: the replicas share their faults. The load
        // balancer retries the next instance when one refuses the connection (gateway's
        // application.yml): a replica that died since the last health check costs no request.
        this.http = WebClient.builder().filter(loadBalancer).build();
        this.json = json;
    }

    public Set<String> services() {
        return this.services.keySet();
    }

    /** {@code path} is below the service's /admin/faults ("" for the list itself); {@code body} may be null. */
    public Mono<ResponseEntity<JsonNode>> call(
            HttpMethod method, String service, String path, String authorization, Object body) {
        URI base = this.services.get(service);
        if (base == null) {
            return Mono.just(unknown(service));
        }
        WebClient.RequestBodySpec request = this.http
                .method(method)
                .uri(base.resolve("/admin/faults" + path))
                .header(HttpHeaders.AUTHORIZATION, authorization);
        return (body == null
                        ? request
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchangeToMono(response -> isJson(response)
                        ? response.toEntity(JsonNode.class)
                        : response.releaseBody().then(Mono.error(withoutBody(service, response.statusCode()))))
                // no instance took the request: the load balancer's retries on the next ones ran out
                .onErrorMap(
                        ex -> Exceptions.isRetryExhausted(ex) || ex instanceof WebClientRequestException,
                        ex -> unavailable(service))
                .timeout(TIMEOUT);
    }

    /** Every service's answer to a GET of {@code path}, by service; one that does not answer is named with the reason. */
    public Mono<Map<String, Object>> fromEveryService(String path, String authorization) {
        return Flux.fromIterable(services())
                .flatMapSequential(service -> call(HttpMethod.GET, service, path, authorization, null)
                        .map(answer -> Map.entry(service, (Object) answer.getBody()))
                        .onErrorResume(ex -> Mono.just(Map.entry(service, Map.of("error", reason(ex))))))
                .collect(LinkedHashMap::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()));
    }

    private static boolean isJson(ClientResponse response) {
        return response.headers()
                .contentType()
                .filter(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isPresent();
    }

    /** An answer that is not JSON: the load balancer's own 503 when no instance is alive, or a bare error. */
    private static ResponseStatusException withoutBody(String service, HttpStatusCode status) {
        return status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                ? unavailable(service)
                : new ResponseStatusException(status, service + " answered " + status.value() + " without details");
    }

    private static ResponseStatusException unavailable(String service) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "No instance of " + service + " answered");
    }

    private static String reason(Throwable ex) {
        return ex instanceof ResponseStatusException status && status.getReason() != null
                ? status.getReason()
                : String.valueOf(ex.getMessage());
    }

    private ResponseEntity<JsonNode> unknown(String service) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No service " + service + "; known: " + this.services.keySet());
        problem.setType(ProblemTypes.of("not-found"));
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(this.json.valueToTree(problem));
    }
}
