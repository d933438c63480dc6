package dev.oddshop.platform.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a service's OpenAPI document says of it ({@code shop.api.*}): its public API as the
 * gateway serves it.
 *
 * @param title the document's title
 * @param description what the API is for, in a sentence or two
 */
@ConfigurationProperties("shop.api")
public record ApiDocsProperties(String title, String description) {}
