package dev.oddshop.platform.telemetry;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Keeps one request's business ids out of the next request's logs on the same thread. */
public class BusinessContextFilter extends OncePerRequestFilter {

    private final BusinessContext context;

    public BusinessContextFilter(BusinessContext context) {
        this.context = context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            this.context.clear();
        }
    }
}
