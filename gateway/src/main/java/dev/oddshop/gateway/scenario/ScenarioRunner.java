package dev.oddshop.gateway.scenario;

import dev.oddshop.gateway.fault.ServiceFaults;
import dev.oddshop.scenario.Scenario;
import dev.oddshop.scenario.ScenarioFault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Starts and stops a scenario's faults in the services, as {@code ./shop scenario} does: each with
 * its delay and ttl, so nothing here has to wait or remember a scenario.
 */
public final class ScenarioRunner {

    private final ServiceFaults faults;

    private final Clock clock;

    ScenarioRunner(ServiceFaults faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
    }

    /** A scenario started: its faults on. */
    public record Started(String name, Instant startedAt, Instant endsAt) {}

    /** A scenario stopped: the faults that were still on. */
    public record Stopped(String name, List<String> stopped) {}

    /**
     * Switches every fault of the scenario on. A service refusing one (its answer is passed on)
     * switches off those already on: a scenario runs whole or not at all.
     */
    public Mono<ResponseEntity<?>> start(Scenario scenario, String authorization) {
        Instant now = this.clock.instant();
        List<ScenarioFault> switchedOn = new ArrayList<>();
        return Flux.fromIterable(scenario.faults())
                .concatMap(fault -> this.faults
                        .call(HttpMethod.POST, fault.service(), "", authorization, fault.request())
                        .flatMap(answer -> {
                            if (answer.getStatusCode() != HttpStatus.CREATED) {
                                return Mono.error(new Refused(answer));
                            }
                            switchedOn.add(fault);
                            return Mono.just(answer);
                        }))
                .then(Mono.<ResponseEntity<?>>fromSupplier(() -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(new Started(scenario.name(), now, now.plus(scenario.length())))))
                .onErrorResume(
                        Refused.class,
                        refused -> switchOff(switchedOn, authorization).then(Mono.just(refused.answer)));
    }

    /** Switches the scenario's faults off; one already expired or switched off is no error. */
    public Mono<Stopped> stop(Scenario scenario, String authorization) {
        return switchOff(scenario.faults(), authorization).map(stopped -> new Stopped(scenario.name(), stopped));
    }

    private Mono<List<String>> switchOff(List<ScenarioFault> faults, String authorization) {
        return Flux.fromIterable(faults)
                .concatMap(fault -> this.faults
                        .call(HttpMethod.DELETE, fault.service(), "/" + fault.id(), authorization, null)
                        .filter(answer -> answer.getStatusCode().is2xxSuccessful())
                        .map(answer -> fault.id()))
                .collectList();
    }

    /** A service's refusal, carried out of the stream to be answered as it is. */
    private static final class Refused extends RuntimeException {

        private final transient ResponseEntity<JsonNode> answer;

        Refused(ResponseEntity<JsonNode> answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
