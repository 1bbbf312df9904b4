package io.cocoatly.registry;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/** Jackson stays inside the json module, and only the intended types are public. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cocoatly.registry");

    @Test
    void onlyTheApiIsPublic() {
        classes().that().arePublic().should().haveSimpleNameEndingWith("Registry")
                .orShould().haveSimpleName("Manifests")
                // Editing a manifest in place, and its two sections and entries.
                .orShould().haveSimpleName("ManifestEditor").orShould().haveSimpleName("Section")
                .orShould().haveSimpleName("Entry")
                // Writing: creating registries, adding and yanking releases.
                .orShould().haveSimpleName("RegistryEditor")
                // Where a registry's files come from, and the one factory that opens a location by scheme.
                .orShould().haveSimpleName("RegistrySource").orShould().haveSimpleName("RegistrySources")
                // What registry.json says, and the release entries a reader left out: plain records.
                .orShould().haveSimpleName("RegistryDescription").orShould().haveSimpleName("PublisherKey")
                .orShould().haveSimpleName("LeftOutRelease")
                // The canonical bytes of a registry's files, for a registry kept elsewhere (a database).
                .orShould().haveSimpleName("CanonicalFiles")
                // A workspace root's manifest and its members, read next to Manifests (docs/workspaces.md).
                .orShould().haveSimpleName("Workspaces")
                // The manifest a workspace member is published with, and its dependencies on members.
                .orShould().haveSimpleName("PublishedManifest").orShould().haveSimpleName("OnMember")
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
    void jsonIsReadThroughTheJsonModuleOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .check(MAIN);
    }

    @Test
    void registryDependsOnlyOnModelJsonAndTheJdk() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.cocoatly.registry..", "io.cocoatly.model..", "io.cocoatly.json..", "java..")
                .check(MAIN);
    }
}
