package dev.oddshop.gateway.security;

import dev.oddshop.gateway.security.SessionTokens.Session;
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
@RestController
class SessionController {

    private final SessionTokens tokens;

    SessionController(SessionTokens tokens) {
        this.tokens = tokens;
    }

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
