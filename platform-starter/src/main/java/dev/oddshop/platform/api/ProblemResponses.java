package dev.oddshop.platform.api;

import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Completes each operation with its credential and with what it answers besides success, as RFC
 * 9457 problem details. The credential: the customer's session when the handler takes the
 * {@link CustomerId}, the admin token when it says so ({@code @SecurityRequirement(name =
 * "admin")}), none otherwise, said explicitly. The problems: 400 when it takes input, 401 when it
 * needs a credential, 404 when its path names something, 429 (the gateway's rate limit) and 503 (a
 * dependency or the service itself unavailable) always, and those its handler declares with
 * {@code @ApiResponse} (409, 422...), each with the problem schema.
 */
final class ProblemResponses implements OperationCustomizer {

    static final String SESSION = "session";

    static final String SESSION_COOKIE = "sessionCookie";

    static final String ADMIN = "admin";

    static final String PROBLEM = "Problem";

    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == CustomerId.class)) {
            operation.addSecurityItem(new SecurityRequirement().addList(SESSION));
            operation.addSecurityItem(new SecurityRequirement().addList(SESSION_COOKIE));
        } else if (operation.getSecurity() == null) {
            operation.setSecurity(List.of());
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        ApiResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null || !parameters.isEmpty()) {
            common(responses, 400, "Bad input: a malformed body or path, a value out of range");
        }
        if (!operation.getSecurity().isEmpty()) {
            common(responses, 401, "No valid credential (WWW-Authenticate: Bearer)");
        }
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            common(responses, 404, "Nothing of that id (another customer's counts as nothing)");
        }
        common(responses, 429, "Too many requests from this session or address (Retry-After)");
        common(responses, 503, "The service or one it needs is unavailable or busy (Retry-After); nothing was done");
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
        return operation;
    }

    /** Adds the response unless the handler declared its own for that status. */
    private static void common(ApiResponses responses, int status, String description) {
        responses.putIfAbsent(Integer.toString(status), new ApiResponse().description(description));
    }

    /** RFC 9457's members; some problems add their own (the points a service declares, for one). */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").description("what kind of problem (docs/API.md)"))
                .addProperty("title", new StringSchema().description("the kind, in words"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("this occurrence, in words"))
                .addProperty("instance", new StringSchema().format("uri").description("the path asked for"));
    }
}
