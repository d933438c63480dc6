package dev.oddshop.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/** The stable {@code type} URIs of the shop's problem details. */
public final class ProblemTypes {

    public static final String BASE = "https://odd-shop.dev/problems/";

    private ProblemTypes() {}

    public static URI of(String kind) {
        return URI.create(BASE + kind);
    }

    /** The kind for errors that only have a status, such as a malformed body or a missing header. */
    public static URI forStatus(HttpStatusCode status) {
        return of(kindOf(status));
    }

    public static String kindOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status.is4xxClientError() ? "client-error" : "internal-error";
        };
    }
}
