package dev.oddshop.platform.fault.app;

import dev.oddshop.platform.fault.FaultPoints;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A one-endpoint service with one fault point, to test the fault engine over real HTTP. */
@SpringBootApplication
public class FaultTestApplication {

	@RestController
	static class Work {

		private final FaultPoints faults;

		Work(FaultPoints faults) {
			this.faults = faults;
		}

		@GetMapping("/work")
		String work() {
			this.faults.strike("test.work");
			return "done";
		}

	}

}
