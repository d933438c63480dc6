package dev.oddshop.provider.charge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.oddshop.provider.ProviderFaultPoints;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.web.ApiException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The processor's merchant API. */
@RestController
@RequestMapping("/v1")
class ChargeController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final ChargeProcessor processor;

	private final FaultPoints faults;

	ChargeController(ChargeProcessor processor, FaultPoints faults) {
		this.processor = processor;
		this.faults = faults;
	}

	@PostMapping("/charges")
	ResponseEntity<Charge> charge(@RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 100) String key,
			@Valid @RequestBody ChargeRequest request) {
		this.faults.strike(ProviderFaultPoints.CHARGE);
		ChargeProcessor.Result result = this.processor.charge(key, request);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (result.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(result.charge());
	}

	/** The charge made under an idempotency key: how a merchant reconciles after a timeout. */
	@GetMapping("/charges")
	Charge lookup(@RequestParam @NotBlank @Size(max = 100) String idempotencyKey) {
		return this.processor.find(idempotencyKey)
			.orElseThrow(() -> ApiException.notFound("Charge with idempotency key", idempotencyKey));
	}

	@GetMapping("/ledger")
	Ledger ledger() {
		return this.processor.ledger();
	}

}
