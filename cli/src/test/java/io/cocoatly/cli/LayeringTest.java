package io.cocoatly.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module lines from eroding: dependencies run cli -> installer/registry/solver -> model (json sits
 * under registry, lockfile and installer),
 * and third-party types stay inside the module that owns them.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cocoatly");
    }

    /** The production modules, each named after its one API package {@code io.cocoatly.<module>}. */
    private static final String[] MODULES = {"logging", "model", "plugin", "json", "config", "transport", "artifact", "registry", "registry.http",
        "registry.server", "registry.db", "lockfile", "solver", "project", "installer", "cli"};

    @Test
    void eachModuleHasOneApiPackageAndInternals() {
        String[] allowed = new String[MODULES.length * 2];
        for (int i = 0; i < MODULES.length; i++) {
            allowed[2 * i] = "io.cocoatly." + MODULES[i];
            allowed[2 * i + 1] = "io.cocoatly." + MODULES[i] + ".internal..";
        }
        ArchRule rule = classes().that().resideInAPackage("io.cocoatly..")
                .and().resideOutsideOfPackages("io.cocoatly.testkit..", "io.cocoatly.benchmarks..")
                .should().resideInAnyPackage(allowed);
        rule.check(classes);
    }

    @Test
    void internalPackagesAreUsedOnlyInsideTheirOwnModule() {
        for (String module : MODULES) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.cocoatly." + module + ".internal..")
                    .allowEmptyShould(true);
            rule.check(classes);
        }
    }

    @Test
    void modelDependsOnNothingButTheJdk() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.cocoatly.model..", "java..");
        rule.check(classes);
    }

    /** The logging bridge sits under everything, so it needs nothing but the JDK (io.cocoatly.logging). */
    @Test
    void theLoggingBridgeDependsOnTheJdkAlone() {
        ArchRule rule = classes().that().resideInAPackage("io.cocoatly.logging..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.cocoatly.logging..", "java..");
        rule.check(classes);
    }

    /** A plugin compiles against the plugin API and the model alone (docs/plugins.md). */
    @Test
    void thePluginApiDependsOnTheModelAndTheJdkAlone() {
        ArchRule rule = classes().that().resideInAPackage("io.cocoatly.plugin..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.cocoatly.plugin..", "io.cocoatly.model..",
                        "java..");
        rule.check(classes);
    }

    /** The installer offers one Lifecycle interface and never loads or knows plugins: the CLI adapts them. */
    @Test
    void theInstallerKnowsNothingOfPlugins() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.installer..")
                .should().dependOnClassesThat().resideInAPackage("io.cocoatly.plugin..");
        rule.check(classes);
    }

    @Test
    void solverKnowsNothingOfFilesNetworkOrCrypto() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.solver..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.registry..",
                        "io.cocoatly.installer..", "io.cocoatly.cli..", "com.fasterxml..", "okhttp3..",
                        "org.bouncycastle..", "org.apache.commons.compress..", "java.net..", "java.nio.file..");
        rule.check(classes);
    }

    @Test
    void registryAndInstallerKnowNothingOfSat() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.cocoatly.registry..", "io.cocoatly.installer..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.solver..", "org.sat4j..",
                        "io.cocoatly.cli..")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void jsonDependsOnlyOnModelJacksonAndTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("io.cocoatly.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.cocoatly.json..", "io.cocoatly.model..",
                        "com.fasterxml..", "java..");
        rule.check(classes);
    }

    // The cli writes its envelope with Jackson. The installer's key files keep their own looser
    // reader and Jackson's default layout, because changing either would change files users have.
    @Test
    void jacksonStaysInsideJson() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("io.cocoatly.json..", "io.cocoatly.cli..")
                .and().doNotHaveFullyQualifiedName("io.cocoatly.artifact.KeyFiles")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..");
        rule.check(classes);
    }

    @Test
    void configReachesNeitherInstallerNorArtifact() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.installer..", "io.cocoatly.artifact..",
                        "io.cocoatly.transport..", "io.cocoatly.registry..", "io.cocoatly.cli..");
        rule.check(classes);
    }

    @Test
    void registryNeverReachesTheInstaller() {
        // Nor the configuration: the cli decides the registry location from it and passes text in.
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.installer..", "io.cocoatly.project..",
                        "io.cocoatly.config..", "io.cocoatly.cli..");
        rule.check(classes);
    }

    @Test
    void theRegistryModuleKnowsNeitherItsClientNorItsServer() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.registry")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.registry.http..",
                        "io.cocoatly.registry.server..", "io.cocoatly.transport..");
        rule.check(classes);
    }

    @Test
    void theRegistryClientKnowsNothingOfSolvingInstallingOrServing() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.registry.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.solver..", "io.cocoatly.installer..",
                        "io.cocoatly.project..", "io.cocoatly.registry.server..", "io.cocoatly.cli..", "picocli..")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void theRegistryServerKnowsNothingOfSolvingOrInstalling() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.registry.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.solver..", "io.cocoatly.installer..",
                        "io.cocoatly.project..", "io.cocoatly.lockfile..", "io.cocoatly.transport..",
                        "io.cocoatly.registry.http..", "io.cocoatly.registry.db..", "io.cocoatly.cli..", "picocli..")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void theDatabaseBackendKnowsNothingOfSolvingInstallingOrHttp() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.registry.db..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.solver..", "io.cocoatly.installer..",
                        "io.cocoatly.project..", "io.cocoatly.lockfile..", "io.cocoatly.transport..",
                        "io.cocoatly.registry.http..", "io.cocoatly.cli..", "picocli..", "org.eclipse.jetty..")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void sqlAndObjectStorageStayInsideTheDatabaseBackend() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly.registry.db..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
                        "com.zaxxer..", "org.flywaydb..", "io.zonky..", "software.amazon..");
        rule.check(classes);
    }

    @Test
    void jettyStaysInsideTheRegistryServer() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly.registry.server..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");
        rule.check(classes);
    }

    @Test
    void lockfileNeverReachesTheRegistry() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.lockfile..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.registry..", "io.cocoatly.solver..",
                        "io.cocoatly.installer..", "io.cocoatly.cli..");
        rule.check(classes);
    }

    @Test
    void projectKnowsNothingOfInstallingOrTheCommandLine() {
        ArchRule rule = noClasses().that().resideInAPackage("io.cocoatly.project..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cocoatly.installer..", "io.cocoatly.config..",
                        "io.cocoatly.transport..", "io.cocoatly.artifact..", "io.cocoatly.cli..", "picocli..");
        rule.check(classes);
    }

    @Test
    void okHttpStaysInsideTransport() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly.transport..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..");
        rule.check(classes);
    }

    @Test
    void cryptoAndArchivesStayInsideArtifact() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly.artifact..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "org.apache.commons.compress..");
        rule.check(classes);
    }

    @Test
    void sat4jStaysInsideTheSolver() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.cocoatly.solver..")
                .should().dependOnClassesThat().resideInAPackage("org.sat4j..");
        rule.check(classes);
    }

    @Test
    void publicSignaturesExposeNoThirdPartyTypes() {
        ArchRule rule = methods().that().arePublic()
                .and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("io.cocoatly.cli..")
                .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a JDK or Cocoatly type", t -> isOwnOrJdk(t.getBaseComponentType().getName())))
                .andShould().haveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "JDK or Cocoatly types", ts -> ts.stream().allMatch(t -> isOwnOrJdk(t.getBaseComponentType().getName()))))
                .allowEmptyShould(true);
        rule.check(classes);
    }

    private static boolean isOwnOrJdk(String name) {
        return name.startsWith("java.") || name.startsWith("io.cocoatly.") || !name.contains(".");
    }
}
