package dev.oddshop.platform.telemetry;

import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * HTTP span names as the OpenTelemetry semantic conventions give them, "{method} {route}" such as
 * "POST /api/orders/carts/{cartId}/checkout", instead of Micrometer's "http post ...". Metric
 * names and tags stay Micrometer's, so dashboards and rules are unaffected.
 */
public final class SemanticSpanNames {

    private SemanticSpanNames() {}

    public static class Server extends DefaultServerRequestObservationConvention {

        @Override
        public String getContextualName(ServerRequestObservationContext context) {
            String method = context.getCarrier().getMethod();
            String route = context.getPathPattern();
            return route == null ? method : method + " " + route;
        }
    }

    public static class Client extends DefaultClientRequestObservationConvention {

        @Override
        public String getContextualName(ClientRequestObservationContext context) {
            String method = context.getCarrier() == null
                    ? "HTTP"
                    : context.getCarrier().getMethod().name();
            String template = context.getUriTemplate();
            // RestClient's template carries the base URL; the span name wants the path template only
            return template == null
                    ? method
                    : method + " " + template.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
        }
    }
}
