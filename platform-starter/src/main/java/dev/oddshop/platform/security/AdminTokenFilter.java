package dev.oddshop.platform.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Guards the admin surfaces of a servlet service with the admin bearer token. */
public class AdminTokenFilter extends OncePerRequestFilter {

	private final AdminSurfaces surfaces;

	public AdminTokenFilter(AdminSurfaces surfaces) {
		this.surfaces = surfaces;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.surfaces.isAdmin(request.getMethod(), request.getRequestURI())
				|| this.surfaces.isAuthorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		int status = tokenGiven && this.surfaces.tokenConfigured() ? 403 : 401;
		response.setStatus(status);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(AdminSurfaces.refusal(status, status == 401
				? "This is an admin surface: send Authorization: Bearer <admin token>" : "The admin token is wrong"));
	}

}
