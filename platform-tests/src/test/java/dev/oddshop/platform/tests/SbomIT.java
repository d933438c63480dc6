package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The build's CycloneDX SBOMs: one in every service's jar, and the platform's over every module. An
 * integration test: the SBOMs are written when the modules are packaged, after {@code ./mvnw test}.
 */
class SbomIT {

    private static final Path ROOT =
            Path.of(System.getProperty("shop.root", "..")).toAbsolutePath().normalize();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyServiceJarCarriesItsSbom() throws IOException {
        for (ShopService service : ShopService.values()) {
            try (JarFile jar = new JarFile(service.jar(ROOT).toFile())) {
                assertThat(jar.getEntry("META-INF/sbom/application.cdx.json"))
                        .as(service.module())
                        .isNotNull();
            }
        }
    }

    @Test
    void thePlatformSbomListsEveryModuleAndWhatTheyDependOn() {
        JsonNode bom =
                JSON.readTree(ROOT.resolve("target/odd-shop-platform.cdx.json").toFile());
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        List<String> components = bom.path("components")
                .valueStream()
                .map(c -> c.path("purl").asString())
                .toList();
        for (ShopService service : ShopService.values()) {
            assertThat(components).anyMatch(purl -> purl.startsWith("pkg:maven/dev.oddshop/" + service.module() + "@"));
        }
        assertThat(components)
                .anyMatch(purl -> purl.startsWith("pkg:maven/org.springframework.security/spring-security-web@"));
    }
}
