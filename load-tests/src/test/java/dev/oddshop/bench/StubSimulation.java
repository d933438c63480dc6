package dev.oddshop.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/** Five users, each one request that passes its check and one that fails it: RequestTimesIT reads the run. */
public class StubSimulation extends Simulation {

    public StubSimulation() {
        setUp(scenario("stub")
                        .exec(http("fine").get("/fine").check(status().is(200)))
                        .exec(http("broken").get("/broken").check(status().is(200)))
                        .injectOpen(atOnceUsers(5)))
                .protocols(http.baseUrl(System.getProperty("stub.url")).disableWarmUp());
    }
}
