package dev.oddshop.inventory.reservation;

import dev.oddshop.inventory.InventoryFaultPoints;
import dev.oddshop.platform.fault.FaultPoints;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Internal API for the order service; the gateway does not route /internal. */
@RestController
@RequestMapping("/internal/reservations")
class ReservationController {

    private final ReservationService reservations;

    private final FaultPoints faults;

    ReservationController(ReservationService reservations, FaultPoints faults) {
        this.reservations = reservations;
        this.faults = faults;
    }

    /** 201 when this call reserved the stock, 200 when the order already holds it. */
    @PutMapping("/{orderId}")
    ResponseEntity<ReservationView> reserve(
            @PathVariable UUID orderId, @RequestBody @Valid ReservationRequest request) {
        this.faults.strike(InventoryFaultPoints.RESERVE);
        ReservationService.Reserved reserved = this.reservations.reserve(orderId, request);
        return ResponseEntity.status(reserved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(reserved.view());
    }

    @PostMapping("/{orderId}/commit")
    ReservationView commit(@PathVariable UUID orderId) {
        return this.reservations.commit(orderId);
    }

    @PostMapping("/{orderId}/release")
    ReservationView release(@PathVariable UUID orderId) {
        return this.reservations.release(orderId);
    }

    @GetMapping("/{orderId}")
    ReservationView reservation(@PathVariable UUID orderId) {
        return this.reservations.find(orderId);
    }
}
