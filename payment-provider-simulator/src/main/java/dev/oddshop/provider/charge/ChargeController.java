package dev.oddshop.provider.charge;

import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;
import dev.oddshop.provider.ProviderFaultPoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The processor's merchant API: charges, their refunds, and the ledger over both. */
@Tag(name = "merchant", description = "Charges, refunds and the ledger")
@RestController
@RequestMapping("/v1")
class ChargeController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    private final ChargeProcessor processor;

    private final RefundProcessor refunds;

    private final FaultPoints faults;

    ChargeController(ChargeProcessor processor, RefundProcessor refunds, FaultPoints faults) {
        this.processor = processor;
        this.refunds = refunds;
        this.faults = faults;
    }

    @Operation(
            summary = "Charge a card",
            description = "Once per Idempotency-Key: a repeat answers the same charge (Idempotent-Replayed: true)")
    @PostMapping("/charges")
    ResponseEntity<Charge> charge(
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 100) String key,
            @Valid @RequestBody ChargeRequest request) {
        this.faults.strike(ProviderFaultPoints.CHARGE);
        ChargeProcessor.Result result = this.processor.charge(key, request);
        return answer(result.charge(), result.replayed());
    }

    /** Gives back part or all of a succeeded charge, at once; the same key never refunds twice. */
    @Operation(summary = "Refund a charge", description = "Part or all of a succeeded charge, once per Idempotency-Key")
    @ApiResponse(
            responseCode = "200",
            description = "The refund; Idempotent-Replayed: true when an earlier request made it")
    @ApiResponse(
            responseCode = "409",
            description = "The charge did not succeed, or the refund exceeds what is left of it")
    @PostMapping("/refunds")
    ResponseEntity<Refund> refund(
            @RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 100) String key,
            @Valid @RequestBody RefundRequest request) {
        this.faults.strike(ProviderFaultPoints.REFUND);
        RefundProcessor.Result result = this.refunds.refund(key, request);
        return answer(result.refund(), result.replayed());
    }

    /** The charge made under an idempotency key: how a merchant reconciles after a timeout. */
    @Operation(
            summary = "Find the charge made under an idempotency key",
            description = "How a merchant reconciles after a timeout")
    @ApiResponse(responseCode = "200", description = "The charge")
    @ApiResponse(responseCode = "404", description = "No charge under that key")
    @GetMapping("/charges")
    Charge lookup(@RequestParam @NotBlank @Size(max = 100) String idempotencyKey) {
        return this.processor
                .find(idempotencyKey)
                .orElseThrow(() -> ApiException.notFound("Charge with idempotency key", idempotencyKey));
    }

    @Operation(summary = "Read the ledger", description = "Totals over every charge and refund, for audits")
    @GetMapping("/ledger")
    Ledger ledger() {
        return Ledger.of(this.processor.charges(), this.refunds.refunds());
    }

    /** 200 with the body, marked when it answers an earlier request with the same key. */
    private static <T> ResponseEntity<T> answer(T body, boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (replayed) {
            response.header(REPLAYED, "true");
        }
        return response.body(body);
    }
}
