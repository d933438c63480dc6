package dev.oddshop.platform.api;

import dev.oddshop.platform.web.CustomerId;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Every service's OpenAPI document (springdoc, {@code /v3/api-docs}) as a standard linter accepts
 * it: a real title, description and version, the credentials the gateway takes, and the RFC 9457
 * problems each operation can answer ({@link ProblemResponses}). The paths are the gateway's, so
 * the one server is the gateway itself ("/"), where Swagger UI ({@code /docs}) shows them all.
 */
@AutoConfiguration
@ConditionalOnClass(OperationCustomizer.class)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsAutoConfiguration {

    static {
        // the gateway sets X-Customer-Id from the session: a client never sends it
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CustomerId.class);
    }

    @Bean
    OpenAPI shopOpenApi(ApiDocsProperties api, @Value("${shop.version}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title(api.title())
                        .description(api.description())
                        .version(version)
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .addServersItem(new Server()
                        .url("/")
                        .description("where this document is served: the gateway, for the shop's services"))
                .components(new Components()
                        .addSecuritySchemes(
                                ProblemResponses.SESSION,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The customer's session: the token of POST /api/session"))
                        .addSecuritySchemes(
                                ProblemResponses.SESSION_COOKIE,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("SHOP_SESSION")
                                        .description("The customer's session as a browser sends it: the cookie POST"
                                                + " /api/session sets"))
                        .addSecuritySchemes(
                                ProblemResponses.ADMIN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description(
                                                "The admin token (SHOP_ADMIN_TOKEN): fault control, stock setting"))
                        .addSchemas(ProblemResponses.PROBLEM, ProblemResponses.problemSchema()));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new ProblemResponses();
    }

    /** A document declares the credentials its operations take, not every one the shop knows. */
    @Bean
    OpenApiCustomizer unusedSecuritySchemesLeftOut() {
        return openApi -> {
            Set<String> used = openApi.getPaths() == null
                    ? Set.of()
                    : openApi.getPaths().values().stream()
                            .flatMap(path -> path.readOperations().stream())
                            .filter(operation -> operation.getSecurity() != null)
                            .flatMap(operation -> operation.getSecurity().stream())
                            .flatMap(requirement -> requirement.keySet().stream())
                            .collect(Collectors.toSet());
            openApi.getComponents().getSecuritySchemes().keySet().retainAll(used);
        };
    }
}
