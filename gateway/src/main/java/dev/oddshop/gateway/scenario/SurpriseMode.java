package dev.oddshop.gateway.scenario;

import dev.oddshop.gateway.fault.ServiceFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The control room's "surprise me": a scenario drawn from a seed, its faults switched on at once
 * with a delay drawn from the seed too, under a note that names the seed and the window but not
 * the scenario. The services keep the faults (shared by their replicas) and start them on time, so
 * the gateway keeps nothing: any gateway replica, or one restarted, finds the surprise in the fault
 * list, and the seed alone tells what it is.
 */
public final class SurpriseMode {

    private static final Pattern NOTE = Pattern.compile("surprise seed=(-?[0-9]{1,18}) window=(PT[0-9A-Z.]+)");

    private final ScenarioLibrary library;

    private final ScenarioRunner runner;

    private final ServiceFaults faults;

    SurpriseMode(ScenarioLibrary library, ScenarioRunner runner, ServiceFaults faults) {
        this.library = library;
        this.runner = runner;
        this.faults = faults;
    }

    /**
     * What the control room sees: the scenario and its moment only in the answer to a reveal.
     *
     * @param startsAt when its first fault strikes (revealed only)
     */
    public record View(State state, String seed, Duration window, String scenario, Instant startsAt) {

        static final View NONE = new View(State.NONE, null, null, null, null);
    }

    public enum State {
        NONE,
        ARMED,
        STARTED
    }

    /** A surprise's faults as the services list them. */
    private record Armed(long seed, Duration window, List<Struck> faults) {

        Instant startsAt() {
            return this.faults.stream()
                    .map(Struck::startedAt)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
        }

        View view(boolean reveal, SurprisePlan plan, Instant now) {
            return new View(
                    startsAt().isAfter(now) ? State.ARMED : State.STARTED,
                    Long.toString(this.seed),
                    this.window,
                    reveal ? plan.scenario().name() : null,
                    reveal ? startsAt() : null);
        }
    }

    private record Struck(String service, String id, Instant startedAt) {}

    /** The window the longest delay a fault may have leaves: a surprise must start within it. */
    public Duration longestWindow(Duration longestDelay) {
        Duration latestStart = this.library.startable().stream()
                .flatMap(scenario -> scenario.faults().stream())
                .map(fault -> fault.after())
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        return longestDelay.minus(latestStart);
    }

    public Mono<View> current(String authorization, boolean reveal) {
        return armed(authorization)
                .map(armed -> armed.view(reveal, plan(armed.seed(), armed.window()), Instant.now()))
                .defaultIfEmpty(View.NONE);
    }

    /** Arms a surprise; a 409 problem when one is armed already, a service's refusal as it answered. */
    public Mono<ResponseEntity<?>> arm(long seed, Duration window, String authorization) {
        return armed(authorization)
                .<ResponseEntity<?>>map(armed -> ScenarioController.problem(
                        HttpStatus.CONFLICT, "surprise-armed", "A surprise is armed already: disarm it first"))
                .switchIfEmpty(Mono.defer(() -> {
                    SurprisePlan plan = plan(seed, window);
                    return this.runner
                            .start(plan.scenario().delayed(plan.offset(), note(seed, window)), authorization)
                            .flatMap(answer -> answer.getStatusCode() == HttpStatus.CREATED
                                    ? current(authorization, false)
                                            .map(view -> ResponseEntity.status(HttpStatus.CREATED)
                                                    .body(view))
                                    : Mono.just(answer));
                }));
    }

    /** Switches the surprise's faults off, started or not. */
    public Mono<View> disarm(String authorization) {
        return armed(authorization)
                .flatMapMany(armed -> Flux.fromIterable(armed.faults()))
                .concatMap(fault ->
                        this.faults.call(HttpMethod.DELETE, fault.service(), "/" + fault.id(), authorization, null))
                .then(Mono.just(View.NONE));
    }

    private SurprisePlan plan(long seed, Duration window) {
        return SurprisePlan.draw(seed, window, this.library.startable());
    }

    static String note(long seed, Duration window) {
        return "surprise seed=" + seed + " window=" + window;
    }

    /** The armed surprise, from the faults every service lists; empty when there is none. */
    private Mono<Armed> armed(String authorization) {
        return this.faults.fromEveryService("", authorization).flatMap(byService -> {
            List<Struck> struck = new ArrayList<>();
            Matcher note = null;
            for (Map.Entry<String, Object> service : byService.entrySet()) {
                if (!(service.getValue() instanceof JsonNode list) || !list.isArray()) {
                    continue;
                }
                for (JsonNode fault : list) {
                    Matcher matched = NOTE.matcher(fault.path("note").asString(""));
                    if (matched.matches()) {
                        note = matched;
                        struck.add(new Struck(
                                service.getKey(),
                                fault.path("id").asString(),
                                Instant.parse(fault.path("startedAt").asString())));
                    }
                }
            }
            return Optional.ofNullable(note)
                    .map(found -> Mono.just(new Armed(
                            Long.parseLong(found.group(1)), Duration.parse(found.group(2)), List.copyOf(struck))))
                    .orElseGet(Mono::empty);
        });
    }
}
