package dev.oddshop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The hostile requests every guard is tested with: the guarded path bent with path parameters,
 * encodings, traversal, doubled or trailing slashes and case, other methods, and every wrong
 * way to present a token. None may reach the handler: each must answer 400, 401, 403, 404 or 405.
 */
public final class BypassAttempts {

    /** The answers that prove a guard held; 405 is the server's own answer to TRACE. */
    public static final List<Integer> REFUSALS = List.of(400, 401, 403, 404, 405);

    /**
     * One attempt.
     *
     * @param name what it tries, for the test report
     * @param method the request method
     * @param target the request target exactly as sent
     * @param headers extra headers, "Name: value"
     */
    public record Attempt(String name, String method, String target, List<String> headers) {

        @Override
        public String toString() {
            return this.name + ": " + this.method + " " + this.target + " " + this.headers;
        }
    }

    private BypassAttempts() {}

    /**
     * Asserts that {@code response} refused {@code attempt}, as problem details unless the HTTP
     * server refused the request line itself (the {@code serverRefused} attempts, by name): then no
     * application code, not even a filter, ran.
     */
    public static void assertRefused(Attempt attempt, RawHttp.Response response, Set<String> serverRefused) {
        assertThat(response.status())
                .as(attempt + " answered " + response.body())
                .isIn(REFUSALS);
        if (!attempt.method().equals("HEAD") && !serverRefused.contains(attempt.name())) {
            assertThat(response.isProblem())
                    .as(attempt + " answered " + response.headers())
                    .isTrue();
        }
    }

    /**
     * Attempts on {@code method path} (a path of two or more segments, such as /admin/faults),
     * none with the right token presented the right way; {@code token} is the real admin token,
     * used to forge near misses. Where only {@code method} is guarded ({@code anyMethod} false),
     * other methods are public and are left out.
     */
    public static List<Attempt> against(String method, String path, String token, boolean anyMethod) {
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(first.length() + 1);
        String last = segments[segments.length - 1];
        String init = path.substring(0, path.length() - last.length());
        List<Attempt> attempts = new ArrayList<>();
        // path parameters, anywhere
        add(attempts, method, "path parameter on the first segment", "/" + first + ";x" + rest);
        add(attempts, method, "path parameter on the last segment", path + ";x");
        add(attempts, method, "session id parameter", path + ";jsessionid=1");
        add(attempts, method, "empty path parameter", "/" + first + ";" + rest);
        add(attempts, method, "path parameter on the root", "/;x" + path);
        add(attempts, method, "encoded semicolon", "/" + first + "%3bx" + rest);
        // encodings
        add(attempts, method, "encoded first letter", "/%" + hex(first.charAt(0)) + first.substring(1) + rest);
        add(
                attempts,
                method,
                "encoded first letter, upper-case hex",
                "/%" + hex(first.charAt(0)).toUpperCase(Locale.ROOT) + first.substring(1) + rest);
        add(
                attempts,
                method,
                "encoded letter of the last segment",
                init + "%" + hex(last.charAt(0)) + last.substring(1));
        add(attempts, method, "encoded dot segment", "/%2e" + path);
        add(attempts, method, "encoded dot-dot", "/x/%2e%2e" + path);
        add(attempts, method, "encoded slash", "/" + first + "%2f" + rest.substring(1));
        add(attempts, method, "encoded slash, upper-case", "/" + first + "%2F" + rest.substring(1));
        add(attempts, method, "leading encoded slash", "/%2f" + path.substring(1));
        add(attempts, method, "double-encoded slash", "/" + first + "%252f" + rest.substring(1));
        add(attempts, method, "double-encoded letter", "/%25" + hex(first.charAt(0)) + first.substring(1) + rest);
        add(attempts, method, "encoded backslash", "/" + first + "%5c" + rest.substring(1));
        add(attempts, method, "backslash", "/" + first + "\\" + rest.substring(1));
        add(attempts, method, "encoded null", path + "%00");
        add(attempts, method, "encoded line feed", path + "%0a");
        add(attempts, method, "encoded space", path + "%20");
        // slashes, dots and traversal
        add(attempts, method, "leading double slash", "/" + path);
        add(attempts, method, "inner double slash", "/" + first + "/" + rest);
        add(attempts, method, "dot segment", "/." + path);
        add(attempts, method, "inner dot segment", "/" + first + "/." + rest);
        add(attempts, method, "traversal", "/x/.." + path);
        add(attempts, method, "inner traversal", "/" + first + "/x/.." + rest);
        add(attempts, method, "trailing slash", path + "/");
        add(attempts, method, "trailing double slash", path + "//");
        add(attempts, method, "trailing dot", path + "/.");
        // case and suffixes
        add(attempts, method, "upper case", path.toUpperCase(Locale.ROOT));
        add(
                attempts,
                method,
                "capitalised first segment",
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        add(attempts, method, "upper-case last segment", init + last.toUpperCase(Locale.ROOT));
        add(attempts, method, "file extension", path + ".json");
        add(attempts, method, "query string", path + "?admin=true");
        // other methods
        for (String other : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE")) {
            if (anyMethod && !other.equals(method)) {
                attempts.add(new Attempt("method " + other, other, path, List.of()));
            }
        }
        attempts.add(new Attempt("lower-case method", method.toLowerCase(Locale.ROOT), path, List.of()));
        // wrong credentials
        String sameLength = "x".repeat(token.length());
        String lastFlipped = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
        attempts.add(withHeader(method, path, "no Authorization value", "Authorization:"));
        attempts.add(withHeader(method, path, "Bearer without a token", "Authorization: Bearer"));
        attempts.add(withHeader(method, path, "Bearer with blanks", "Authorization: Bearer    "));
        attempts.add(withHeader(method, path, "Basic credentials", "Authorization: Basic YWRtaW46YWRtaW4="));
        attempts.add(withHeader(method, path, "token without a scheme", "Authorization: " + token));
        attempts.add(withHeader(method, path, "malformed bearer", "Authorization: Bearer a b c"));
        attempts.add(
                withHeader(method, path, "wrong token of the right length", "Authorization: Bearer " + sameLength));
        attempts.add(withHeader(method, path, "last character changed", "Authorization: Bearer " + lastFlipped));
        attempts.add(withHeader(method, path, "token as a prefix", "Authorization: Bearer " + token + "x"));
        attempts.add(withHeader(
                method, path, "token truncated", "Authorization: Bearer " + token.substring(0, token.length() - 1)));
        attempts.add(withHeader(
                method, path, "upper-case token", "Authorization: Bearer " + token.toUpperCase(Locale.ROOT)));
        attempts.add(withHeader(
                method,
                path,
                "forged JWT with alg none",
                "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."));
        attempts.add(withHeader(method, path, "a customer header", "X-Customer-Id: admin"));
        attempts.add(withHeader(method, path, "a rewrite header", "X-Original-URL: /actuator/health"));
        attempts.add(new Attempt("token in the query", method, path + "?access_token=" + token, List.of()));
        return List.copyOf(attempts);
    }

    private static void add(List<Attempt> attempts, String method, String name, String target) {
        attempts.add(new Attempt(name, method, target, List.of()));
    }

    private static Attempt withHeader(String method, String path, String name, String header) {
        return new Attempt(name, method, path, List.of(header));
    }

    private static String hex(char c) {
        return Integer.toHexString(c);
    }
}
