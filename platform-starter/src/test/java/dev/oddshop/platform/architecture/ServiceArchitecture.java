package dev.oddshop.platform.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package rules every service keeps, checked by each service's {@code ArchitectureTest}
 * (docs/CONVENTIONS.md, "Code"): feature packages without cycles, no other service's code, and
 * transactions in services, not in controllers.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {}

    /** Checks the service whose code lives under {@code rootPackage} (e.g. "dev.oddshop.order"). */
    public static void verify(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        rules(rootPackage).forEach(rule -> rule.check(classes));
    }

    static List<ArchRule> rules(String root) {
        DescribedPredicate<JavaClass> anotherService = resideInAPackage("dev.oddshop..")
                .and(DescribedPredicate.not(resideInAnyPackage(root + "..", "dev.oddshop.platform..")));
        return List.of(
                slices().matching(root + ".(*)..")
                        .should()
                        .beFreeOfCycles()
                        .because("a feature package builds on others, never in a circle"),
                noClasses()
                        .that()
                        .resideInAPackage(root + "..")
                        .should()
                        .dependOnClassesThat(anotherService)
                        .because("services share the starter and HTTP contracts, never code"),
                noClasses()
                        .that()
                        .areAnnotatedWith(RestController.class)
                        .should()
                        .beAnnotatedWith(Transactional.class)
                        .because("transactions belong to services: a slow handler must not hold a connection"),
                noMethods()
                        .that()
                        .areDeclaredInClassesThat()
                        .areAnnotatedWith(RestController.class)
                        .should()
                        .beAnnotatedWith(Transactional.class)
                        .because("transactions belong to services: a slow handler must not hold a connection"));
    }
}
