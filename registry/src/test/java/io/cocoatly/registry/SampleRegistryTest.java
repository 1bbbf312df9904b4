package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample registry and demo project read cleanly and have the properties their README claims. */
class SampleRegistryTest {

    private static final Path REPO = Path.of(System.getProperty("cocoatly.repo", ".."));

    private static FileRegistry registry;
    private static Manifest demo;

    @BeforeAll
    static void read() {
        registry = FileRegistry.open(REPO.resolve("testdata/registry"));
        demo = Manifests.read(REPO.resolve("testdata/demo/cocoatly.json"));
    }

    private static PackageName name(String n) {
        return PackageName.of(n);
    }

    private static PackageListing listing(String n) {
        return registry.find(name(n)).orElseThrow();
    }

    @Test
    void everyPackageParsesAndIsListedSorted() {
        List<PackageName> names = registry.packageNames();
        assertEquals("sample", registry.name());
        assertTrue(names.size() >= 20 && names.size() <= 40, "size " + names.size());
        assertEquals(names.stream().sorted().collect(Collectors.toList()), names);
        for (PackageName n : names) {
            PackageListing l = registry.find(n).orElseThrow();
            assertEquals(n, l.name());
            assertFalse(l.releases().isEmpty(), n + " has releases");
        }
    }

    @Test
    void missingPackageIsEmpty() {
        assertEquals(Optional.empty(), registry.find(name("md4")));
    }

    @Test
    void theOnlyDependencyOnAMissingPackageIsMd4() {
        Set<String> missing = new TreeSet<>();
        for (PackageName n : registry.packageNames()) {
            for (Release r : registry.find(n).orElseThrow().releases()) {
                for (Dependency d : r.dependencies()) {
                    if (registry.find(d.name()).isEmpty()) {
                        missing.add(r.id() + " -> " + d.name());
                    }
                }
            }
        }
        assertEquals(Set.of("legacy-auth@0.1.0 -> md4", "legacy-auth@0.2.0 -> md4"), missing);
    }

    @Test
    void yankedAndPrereleaseVersionsArePresent() {
        assertEquals(List.of("http@1.2.2", "ring@0.17.0"), registry.packageNames().stream()
                .flatMap(n -> listing(n.value()).releases().stream())
                .filter(Release::yanked).map(r -> r.id().toString()).collect(Collectors.toList()));
        assertTrue(listing("json").releases().stream().anyMatch(r -> r.version().isPrerelease()));
        assertTrue(listing("http").releases().stream().anyMatch(r -> r.version().isPrerelease()));
    }

    @Test
    void legacyAuthIsTheOnlyPackageThatCannotBeInstalled() {
        ReferenceResolver resolver = new ReferenceResolver(registry, false);
        Set<String> uninstallable = new TreeSet<>();
        for (PackageName n : registry.packageNames()) {
            var request = List.of(Dependency.parse(n.value(), "*"));
            if (resolver.first(name("root"), Version.of(0, 0, 0), request).isEmpty()) {
                uninstallable.add(n.value());
            }
        }
        assertEquals(Set.of("legacy-auth"), uninstallable);
    }

    @Test
    void demoManifestReads() {
        assertEquals(name("demo"), demo.name());
        assertEquals(Set.of("cli", "db", "http", "json", "log"),
                demo.dependencies().stream().map(d -> d.name().value()).collect(Collectors.toSet()));
    }

    @Test
    void demoMustGiveUpTheNewestHttp() {
        ReferenceResolver resolver = new ReferenceResolver(registry, false);
        List<Map<PackageName, Version>> solutions = resolver.all(demo.name(), demo.version(), demo.dependencies());
        assertFalse(solutions.isEmpty());
        Version newestHttp = Version.parse("1.3.0");
        assertTrue(solutions.stream().noneMatch(s -> newestHttp.equals(s.get(name("http")))));
        Map<PackageName, Version> newest = resolver.first(demo.name(), demo.version(), demo.dependencies()).orElseThrow();
        // With the newest versions the demo installs 15 packages besides itself (cli 3.2 adds termcolor).
        assertEquals("bytes@1.2.0 cli@3.2.0 db@0.8.4 demo@0.1.0 http@1.2.1 idna@0.5.0 itoa@1.0.1 json@1.1.0 log@0.4.2"
                + " percent-encoding@2.3.0 ring@0.16.20 serde@1.0.190 strsim@0.11.0 termcolor@1.4.0 tls@1.9.3 url@2.5.0",
                newest.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(" ")));
    }

    @Test
    void theYankedHttpWouldOtherwiseBeChosen() {
        ReferenceResolver withYanked = new ReferenceResolver(registry, true);
        Map<PackageName, Version> newest = withYanked.first(demo.name(), demo.version(), demo.dependencies()).orElseThrow();
        assertEquals(Version.parse("1.2.2"), newest.get(name("http")));
    }
}
