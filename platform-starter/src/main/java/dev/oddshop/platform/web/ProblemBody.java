package dev.oddshop.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem document for the writers outside Spring MVC's exception handling: the
 * security handlers of every service and the gateway's own filters. Same fields and types as
 * {@link ProblemDetailsAdvice} renders.
 */
public final class ProblemBody {

    private ProblemBody() {}

    public static Map<String, Object> of(HttpStatus status, String kind, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.of(kind).toString());
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}
