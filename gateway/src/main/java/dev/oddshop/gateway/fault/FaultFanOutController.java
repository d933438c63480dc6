package dev.oddshop.gateway.fault;

import dev.oddshop.platform.web.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One place to see and switch every service's faults (the CLI, the drill and compose users talk
 * to it). Each service keeps validating and answering for its own faults: the gateway forwards
 * the request with the caller's token and passes the answer back unchanged.
 */
@Tag(name = "faults", description = "The lab's fault control, for every service and replica (admin)")
@SecurityRequirement(name = "admin")
@RestController
@RequestMapping("/admin/faults")
@ConditionalOnBooleanProperty("shop.faults.enabled")
@EnableConfigurationProperties(FaultTargets.class)
class FaultFanOutController {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, URI> services;

    private final WebClient http;

    private final JsonMapper json;

    FaultFanOutController(FaultTargets targets, LoadBalancedExchangeFilterFunction loadBalancer, JsonMapper json) {
        this.services = targets.services();
        // any live instance answers for its service: the replicas share their faults
        this.http = WebClient.builder().filter(loadBalancer).build();
        this.json = json;
    }

    /** Every service's active faults; a service that does not answer is named with the reason. */
    @Operation(summary = "List every service's active faults", description = "Each with the replicas that have it on")
    @GetMapping
    Mono<Map<String, Object>> list(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return fromEveryService("", authorization);
    }

    /** Every service's declared fault points: what a fault may name, service by service. */
    @Operation(
            summary = "List the fault points every service declares",
            description = "With the fault kinds that act at each")
    @GetMapping("/points")
    Mono<Map<String, Object>> points(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return fromEveryService("/points", authorization);
    }

    private Mono<Map<String, Object>> fromEveryService(String path, String authorization) {
        return Flux.fromIterable(this.services.keySet())
                .flatMapSequential(service -> call(HttpMethod.GET, service, path, authorization, null)
                        .map(answer -> Map.entry(service, (Object) answer.getBody()))
                        .onErrorResume(ex ->
                                Mono.just(Map.entry(service, Map.of("error", String.valueOf(ex.getMessage()))))))
                .collect(LinkedHashMap::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()));
    }

    @Operation(
            summary = "Switch a fault on in a service",
            description = "On every replica of the service, until its ttl (README, Faults and scenarios)")
    @ApiResponse(responseCode = "201", description = "The fault as the service switched it on")
    @PostMapping("/{service}")
    Mono<ResponseEntity<JsonNode>> enable(
            @PathVariable String service,
            @RequestBody JsonNode fault,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return call(HttpMethod.POST, service, "", authorization, fault);
    }

    @Operation(summary = "Switch a fault off")
    @DeleteMapping("/{service}/{id}")
    Mono<ResponseEntity<JsonNode>> disable(
            @PathVariable String service,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return call(HttpMethod.DELETE, service, "/" + id, authorization, null);
    }

    /** Switches every fault of every service off: the big red button of a drill or a training session. */
    @Operation(summary = "Switch every fault of every service off", description = "The ids switched off, by service")
    @DeleteMapping
    Mono<Map<String, List<String>>> disableAll(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return Flux.fromIterable(this.services.keySet())
                .flatMapSequential(service -> call(HttpMethod.GET, service, "", authorization, null)
                        .flatMapMany(answer -> Flux.fromIterable(answer.getBody()))
                        .map(fault -> fault.get("id").asString())
                        .concatMap(id -> call(HttpMethod.DELETE, service, "/" + id, authorization, null)
                                .thenReturn(id))
                        .collectList()
                        .map(ids -> Map.entry(service, ids)))
                .collect(LinkedHashMap::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()));
    }

    private Mono<ResponseEntity<JsonNode>> call(
            HttpMethod method, String service, String path, String authorization, JsonNode body) {
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
                .exchangeToMono(response -> response.toEntity(JsonNode.class))
                .timeout(TIMEOUT);
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
