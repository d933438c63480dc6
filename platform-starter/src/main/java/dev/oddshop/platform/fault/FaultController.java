package dev.oddshop.platform.fault;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists, switches on and off the service's faults; an admin surface (the admin token guards
 * /admin/**). A controller rather than an actuator endpoint so that bad input gets the same
 * bean validation and problem details as the rest of the API.
 */
@RestController
@RequestMapping("/admin/faults")
public class FaultController {

    private final FaultRegistry registry;

    private final FaultSwitch faults;

    public FaultController(FaultRegistry registry, FaultSwitch faults) {
        this.registry = registry;
        this.faults = faults;
    }

    /** The service's faults, each with the replicas that have it on. */
    @GetMapping
    List<ActiveFault> list() {
        return this.faults.active();
    }

    /** The points a fault may name here, with where each is. */
    @GetMapping("/points")
    List<PointView> points() {
        return this.registry.points().stream()
                .map(point -> new PointView(
                        point.id(),
                        point.description(),
                        point.kinds().stream().map(FaultKind::name).sorted().toList(),
                        point.callee()))
                .toList();
    }

    /** A point, the kinds that act there, and for a point on an outgoing call the service called (else null). */
    record PointView(String point, String description, List<String> kinds, String callee) {}

    @PostMapping
    ResponseEntity<Fault> enable(@Valid @RequestBody FaultRequest request) {
        Fault fault = this.faults.on(request);
        return ResponseEntity.created(URI.create("/admin/faults/" + fault.id())).body(fault);
    }

    @DeleteMapping("/{id}")
    Fault disable(@PathVariable String id) {
        return this.faults.off(id);
    }
}
