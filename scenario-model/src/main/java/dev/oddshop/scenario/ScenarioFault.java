package dev.oddshop.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault of a scenario: the service it is switched on in, the fault as {@code /admin/faults}
 * takes it, and when: {@code after} the scenario starts, for {@code lifetime}.
 */
public record ScenarioFault(
        String service,
        String id,
        String kind,
        String point,
        Double probability,
        Duration duration,
        Duration jitter,
        Duration after,
        Duration lifetime,
        String note) {

    /** The same fault with another lifetime (a drill's fault phase). */
    public ScenarioFault lastingFor(Duration length) {
        return timed(this.after, length, this.note);
    }

    /** The same fault starting {@code by} later, under another note (a surprise keeps its scenario's name secret). */
    public ScenarioFault delayed(Duration by, String note) {
        return timed(this.after.plus(by), this.lifetime, note);
    }

    private ScenarioFault timed(Duration start, Duration length, String why) {
        return new ScenarioFault(
                this.service,
                this.id,
                this.kind,
                this.point,
                this.probability,
                this.duration,
                this.jitter,
                start,
                length,
                why);
    }

    /** The body of POST /admin/faults: the delay and ttl carry the timing, so nothing has to wait here. */
    public Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", this.id);
        body.put("kind", this.kind);
        body.put("point", this.point);
        if (this.probability != null) {
            body.put("probability", this.probability);
        }
        if (this.duration != null) {
            body.put("duration", this.duration.toString());
        }
        if (this.jitter != null) {
            body.put("jitter", this.jitter.toString());
        }
        body.put("delay", this.after.toString());
        body.put("ttl", this.lifetime.toString());
        body.put("note", this.note);
        return body;
    }
}
