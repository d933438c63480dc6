package dev.oddshop.platform.security;

import dev.oddshop.platform.security.SecurityRefusals.Rejection;
import dev.oddshop.platform.security.SecurityRefusals.Surface;
import dev.oddshop.platform.web.ProblemBody;
import dev.oddshop.platform.web.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A servlet service's security refusals as problem details: no or a wrong admin token (401),
 * and requests the HTTP firewall rejects (400), each counted and logged by {@link SecurityRefusals}.
 */
final class ServletRefusalHandler implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final SecurityRefusals refusals;

    private final JsonMapper json;

    ServletRefusalHandler(SecurityRefusals refusals, JsonMapper json) {
        this.refusals = refusals;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = SecurityRefusals.tokenPresented(failure);
        this.refusals.authenticationFailed(
                Surface.ADMIN,
                presented,
                request.getMethod(),
                request.getRequestURI(),
                request.getHeader(RequestId.HEADER));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                presented
                        ? "The admin token is not valid"
                        : "This is an admin surface: send Authorization: Bearer <admin token>");
    }

    /** Only an authenticated admin reaches a guarded surface, so this answers what nobody should meet. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        this.refusals.rejected(
                Rejection.MALFORMED_PATH,
                request.getMethod(),
                request.getRequestURI(),
                request.getHeader(RequestId.HEADER));
        write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "The request path is not in normal form: path parameters, encoded slashes, dots or backslashes and"
                        + " traversal are refused");
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String kind, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        this.json.writeValue(response.getOutputStream(), ProblemBody.of(status, kind, detail, request.getRequestURI()));
    }
}
