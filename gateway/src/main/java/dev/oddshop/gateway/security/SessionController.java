package dev.oddshop.gateway.security;

import dev.oddshop.gateway.security.SessionTokens.Session;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/session}: opens an anonymous customer session. API clients send the token
 * back as {@code Authorization: Bearer}; a browser keeps it in an HttpOnly, SameSite=Strict
 * cookie that its scripts cannot read and other sites cannot send.
 */
@Tag(name = "session", description = "The customer's anonymous session")
@RestController
class SessionController {

    private final SessionTokens tokens;

    SessionController(SessionTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(
            summary = "Open a customer session",
            description = "An anonymous customer: the token to send as Authorization: Bearer, also set as the"
                    + " HttpOnly cookie SHOP_SESSION for a browser")
    @ApiResponse(responseCode = "201", description = "The session: its token, the customer's id, when it expires")
    @PostMapping("/api/session")
    ResponseEntity<Session> open(ServerHttpRequest request) {
        Session session = this.tokens.open();
        ResponseCookie cookie = ResponseCookie.from(SessionTokens.COOKIE, session.token())
                .httpOnly(true)
                .sameSite("Strict")
                .secure("https".equals(request.getURI().getScheme()))
                .path("/api")
                .maxAge(this.tokens.properties().ttl())
                .build();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .cacheControl(CacheControl.noStore())
                .body(session);
    }
}
