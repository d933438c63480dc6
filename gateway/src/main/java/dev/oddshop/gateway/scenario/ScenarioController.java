package dev.oddshop.gateway.scenario;

import dev.oddshop.gateway.scenario.ScenarioRunner.Started;
import dev.oddshop.gateway.scenario.ScenarioRunner.Stopped;
import dev.oddshop.platform.web.ProblemTypes;
import dev.oddshop.scenario.Scenario;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The scenario files put to work from the control room: list, start, stop (admin). */
@Tag(name = "scenarios", description = "The incident scenarios of scenarios/, for the control room (admin)")
@SecurityRequirement(name = "admin")
@RestController
@RequestMapping("/admin/scenarios")
@ConditionalOnBooleanProperty("shop.faults.enabled")
class ScenarioController {

    private final ScenarioLibrary library;

    private final ScenarioRunner runner;

    ScenarioController(ScenarioLibrary library, ScenarioRunner runner) {
        this.library = library;
        this.runner = runner;
    }

    @Operation(summary = "List the scenarios", description = "Each with its story, symptom, faults and runbook")
    @GetMapping
    List<ScenarioView> list() {
        return this.library.all().stream().map(ScenarioView::of).toList();
    }

    @Operation(
            summary = "Start a scenario",
            description = "Switches its faults on in the services, each with its delay and ttl; a scenario that"
                    + " crashes an instance needs the launcher (409)")
    @ApiResponse(
            responseCode = "201",
            description = "Started: when, and when its last fault ends",
            content = @Content(schema = @Schema(implementation = Started.class)))
    @ApiResponse(responseCode = "409", description = "It crashes an instance: start it with ./shop scenario start")
    @PostMapping("/{name}")
    Mono<ResponseEntity<?>> start(
            @PathVariable String name,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Scenario scenario = this.library.named(name).orElse(null);
        if (scenario == null) {
            return Mono.just(problem(HttpStatus.NOT_FOUND, "not-found", "No scenario " + name));
        }
        if (!ScenarioLibrary.startable(scenario)) {
            return Mono.just(problem(
                    HttpStatus.CONFLICT,
                    "scenario-needs-launcher",
                    ScenarioView.of(scenario).startHint()));
        }
        return this.runner.start(scenario, authorization);
    }

    @Operation(summary = "Stop a scenario", description = "Switches its faults off; the ids still on are named")
    @ApiResponse(
            responseCode = "200",
            description = "Stopped",
            content = @Content(schema = @Schema(implementation = Stopped.class)))
    @DeleteMapping("/{name}")
    Mono<ResponseEntity<?>> stop(
            @PathVariable String name,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.library
                .named(name)
                .map(scenario -> this.runner.stop(scenario, authorization).<ResponseEntity<?>>map(ResponseEntity::ok))
                .orElseGet(() -> Mono.just(problem(HttpStatus.NOT_FOUND, "not-found", "No scenario " + name)));
    }

    static ResponseEntity<?> problem(HttpStatus status, String kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.of(kind));
        return ResponseEntity.of(problem).build();
    }
}
