package dev.oddshop.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import dev.oddshop.platform.web.ProblemTypes;

import org.springframework.util.AntPathMatcher;

/** Decides which requests are admin requests and whether their bearer token is right. */
public final class AdminSurfaces {

	private static final List<String> OPEN_ACTUATOR = List.of("/actuator", "/actuator/health", "/actuator/health/**",
			"/actuator/prometheus");

	private final AntPathMatcher matcher = new AntPathMatcher();

	private final AdminProperties properties;

	public AdminSurfaces(AdminProperties properties) {
		this.properties = properties;
	}

	public boolean isAdmin(String method, String path) {
		if (path.equals("/admin") || path.startsWith("/admin/")) {
			return true;
		}
		if (path.startsWith("/actuator")) {
			return OPEN_ACTUATOR.stream().noneMatch(open -> this.matcher.match(open, path));
		}
		return this.properties.paths().stream().anyMatch(rule -> matches(rule, method, path));
	}

	private boolean matches(String rule, String method, String path) {
		int space = rule.indexOf(' ');
		if (space < 0) {
			return this.matcher.match(rule, path);
		}
		return rule.substring(0, space).equalsIgnoreCase(method) && this.matcher.match(rule.substring(space + 1), path);
	}

	/** Whether the Authorization header carries the configured token; constant time. */
	public boolean isAuthorized(String authorizationHeader) {
		String token = this.properties.token();
		if (token.isEmpty() || authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
			return false;
		}
		byte[] given = authorizationHeader.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
	}

	/** The problem-details body for a refused admin request. */
	public static String refusal(int status, String detail) {
		String kind = status == 401 ? "unauthorized" : "forbidden";
		String title = status == 401 ? "Unauthorized" : "Forbidden";
		return """
				{"type":"%s%s","title":"%s","status":%d,"detail":"%s"}"""
			.formatted(ProblemTypes.BASE, kind, title, status, detail);
	}

	public boolean tokenConfigured() {
		return !this.properties.token().isEmpty();
	}

}
