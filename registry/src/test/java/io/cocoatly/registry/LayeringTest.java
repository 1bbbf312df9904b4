package io.cocoatly.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Jackson stays an implementation detail, and only the intended types are public. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cocoatly.registry");

    @Test
    void onlyTheApiIsPublic() {
        classes().that().arePublic().should().haveSimpleNameEndingWith("Registry")
                .orShould().haveSimpleName("Manifests")
                // Writing: creating registries, adding and yanking releases.
                .orShould().haveSimpleName("RegistryEditor")
                // Scenario files: the reader, what it returns, and the in-memory index tests and benchmarks use.
                .orShould().haveNameMatching("io\\.cocoatly\\.registry\\.(Scenario|ScenarioReader|InMemoryIndex)(\\$\\w+)?")
                .check(MAIN);
    }

    @Test
    void noPublicMethodMentionsJackson() {
        noMethods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("a Jackson type",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("com.fasterxml")))
                .check(MAIN);
    }

    @Test
    void onlyJsonAndTheCursorTouchJackson() {
        noClasses().that().doNotHaveSimpleName("Json").and().doNotHaveSimpleName("JsonCursor")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .check(MAIN);
    }

    @Test
    void registryDependsOnlyOnModelJacksonAndTheJdk() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.cocoatly.registry..", "io.cocoatly.model..", "com.fasterxml..", "java..")
                .check(MAIN);
    }
}
