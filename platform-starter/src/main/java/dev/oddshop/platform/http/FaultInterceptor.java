package dev.oddshop.platform.http;

import dev.oddshop.platform.fault.FaultPoint;
import dev.oddshop.platform.fault.FaultPoints;
import dev.oddshop.platform.fault.InjectedFaultException;
import dev.oddshop.platform.web.ProblemBody;
import dev.oddshop.platform.web.ProblemTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets the faults of a call point strike inside the observed client call, so the telemetry shows
 * them as the real failure: a refused connection is a failed call with its I/O exception, an
 * error is the callee's 503, latency is the call's own time (client metrics and span alike).
 */
final class FaultInterceptor implements ClientHttpRequestInterceptor {

    private final FaultPoints faults;

    private final FaultPoint point;

    FaultInterceptor(FaultPoints faults, FaultPoint point) {
        this.faults = faults;
        this.point = point;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        try {
            this.faults.strike(this.point);
        } catch (UncheckedIOException refused) {
            // the client wraps it as it wraps a real refused connection (ResourceAccessException)
            throw refused.getCause();
        } catch (InjectedFaultException error) {
            return new ServiceUnavailable(error.getMessage(), request.getURI().getPath());
        }
        return execution.execute(request, body);
    }

    /** The callee's 503 with problem details, as an overloaded service answers. */
    private static final class ServiceUnavailable implements ClientHttpResponse {

        private final byte[] body;

        ServiceUnavailable(String detail, String instance) {
            this.body = JsonMapper.shared()
                    .writeValueAsBytes(ProblemBody.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            ProblemTypes.kindOf(HttpStatus.SERVICE_UNAVAILABLE),
                            detail,
                            instance));
        }

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }

        @Override
        public String getStatusText() {
            return HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase();
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            headers.setContentLength(this.body.length);
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(this.body);
        }

        @Override
        public void close() {}
    }
}
