package dev.oddshop.gateway.scenario;

import dev.oddshop.gateway.scenario.SurpriseMode.View;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** "Surprise me" for Wheel of Misfortune sessions: arm, reveal, disarm (admin). */
@Tag(name = "surprise", description = "A random scenario at a random moment, replayable by its seed (admin)")
@SecurityRequirement(name = "admin")
@RestController
@RequestMapping("/admin/surprise")
@ConditionalOnBooleanProperty("shop.faults.enabled")
class SurpriseController {

    /** A fault's longest delay (the fault engine's bound): a surprise's faults are switched on at once, delayed. */
    private static final Duration LONGEST_DELAY = Duration.ofHours(1);

    private final SurpriseMode surprise;

    SurpriseController(SurpriseMode surprise) {
        this.surprise = surprise;
    }

    /**
     * @param window within which the scenario starts, ISO-8601 (PT30M), one minute to an hour
     * @param seed a whole number as text (JavaScript loses digits of a large number); drawn when absent
     */
    record ArmRequest(String window, String seed) {}

    @Operation(summary = "Show the surprise", description = "Armed or started, its seed and window; never its scenario")
    @GetMapping
    Mono<View> current(@Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.surprise.current(authorization, false);
    }

    @Operation(
            summary = "Arm a surprise",
            description = "A scenario drawn from the seed starts at a moment of the window drawn from it too")
    @ApiResponse(
            responseCode = "201",
            description = "Armed",
            content = @Content(schema = @Schema(implementation = View.class)))
    @ApiResponse(responseCode = "409", description = "One is armed already: disarm it first")
    @PostMapping
    Mono<ResponseEntity<?>> arm(
            @RequestBody ArmRequest request,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Duration window;
        try {
            window = Duration.parse(String.valueOf(request.window()));
        } catch (DateTimeParseException e) {
            return invalid("window must be an ISO-8601 duration such as PT30M");
        }
        Duration longest = this.surprise.longestWindow(LONGEST_DELAY);
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(longest) > 0) {
            return invalid("window must be from one minute to " + longest.toMinutes() + " minutes");
        }
        if (request.seed() != null && !request.seed().matches("-?[0-9]{1,18}")) {
            return invalid("seed must be a whole number of up to 18 digits");
        }
        long seed = request.seed() == null
                ? ThreadLocalRandom.current().nextLong(1_000_000_000L)
                : Long.parseLong(request.seed());
        return this.surprise.arm(seed, window, authorization);
    }

    private static Mono<ResponseEntity<?>> invalid(String detail) {
        return Mono.just(ScenarioController.problem(HttpStatus.BAD_REQUEST, "validation", detail));
    }

    @Operation(summary = "Reveal the surprise", description = "Which scenario it is and when it starts")
    @PostMapping("/reveal")
    Mono<View> reveal(@Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.surprise.current(authorization, true);
    }

    @Operation(summary = "Disarm the surprise", description = "Its faults off, started or not")
    @DeleteMapping
    Mono<View> disarm(@Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return this.surprise.disarm(authorization);
    }
}
