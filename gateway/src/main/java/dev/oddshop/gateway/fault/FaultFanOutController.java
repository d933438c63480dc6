package dev.oddshop.gateway.fault;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

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
class FaultFanOutController {

    private final ServiceFaults faults;

    FaultFanOutController(ServiceFaults faults) {
        this.faults = faults;
    }

    /** Every service's active faults; a service that does not answer is named with the reason. */
    @Operation(summary = "List every service's active faults", description = "Each with the replicas that have it on")
    @GetMapping
    Mono<Map<String, Object>> list(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.faults.fromEveryService("", authorization);
    }

    /** Every service's declared fault points: what a fault may name, service by service. */
    @Operation(
            summary = "List the fault points every service declares",
            description = "With the fault kinds that act at each")
    @GetMapping("/points")
    Mono<Map<String, Object>> points(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.faults.fromEveryService("/points", authorization);
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
        return this.faults.call(HttpMethod.POST, service, "", authorization, fault);
    }

    @Operation(summary = "Switch a fault off")
    @DeleteMapping("/{service}/{id}")
    Mono<ResponseEntity<JsonNode>> disable(
            @PathVariable String service,
            @PathVariable String id,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.faults.call(HttpMethod.DELETE, service, "/" + id, authorization, null);
    }

    /** Switches every fault of every service off: the big red button of a drill or a training session. */
    @Operation(summary = "Switch every fault of every service off", description = "The ids switched off, by service")
    @DeleteMapping
    Mono<Map<String, List<String>>> disableAll(
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return Flux.fromIterable(this.faults.services())
                .flatMapSequential(service -> this.faults
                        .call(HttpMethod.GET, service, "", authorization, null)
                        .flatMapMany(answer -> Flux.fromIterable(answer.getBody()))
                        .map(fault -> fault.get("id").asString())
                        .concatMap(id -> this.faults
                                .call(HttpMethod.DELETE, service, "/" + id, authorization, null)
                                .thenReturn(id))
                        .collectList()
                        .map(ids -> Map.entry(service, ids)))
                .collect(LinkedHashMap::new, (all, entry) -> all.put(entry.getKey(), entry.getValue()));
    }
}
