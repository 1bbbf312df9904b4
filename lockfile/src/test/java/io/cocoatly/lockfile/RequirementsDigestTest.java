package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The digest against values computed outside Java ({@code printf ... | sha256sum}), which is what
 * another tool following docs/lockfile.md would do.
 */
class RequirementsDigestTest {

    private static final PackageName DEMO = PackageName.of("demo");
    private static final Version V = Version.parse("0.1.0");

    private static Map.Entry<PackageName, String> req(String name, String requirement) {
        return Map.entry(PackageName.of(name), requirement);
    }

    private static final List<Map.Entry<PackageName, String>> REQUIREMENTS =
            List.of(req("tls", "2.1.x"), req("http", "^2.0"), req("json", ">=1.4.0 <2.0.0"));

    @Test
    void theCanonicalTextIsSortedLines() {
        assertEquals("cocoatly-requirements 1\nname demo\nversion 0.1.0\ndependency http ^2.0\n"
                + "dependency json >=1.4.0 <2.0.0\ndependency tls 2.1.x\n",
                RequirementsDigest.canonicalText(DEMO, V, REQUIREMENTS));
    }

    @Test
    void aWorkspacesMemberSectionsAreSortedLinesWhateverOrderTheManifestWasWrittenIn() {
        Manifest web = new Manifest(PackageName.of("web"), Version.parse("2.0.0"),
                List.of(Dependency.parse("tls", "2.1.x"), Dependency.parse("api", ">=1 <2 || ^3"), Dependency.parse("http", "*")),
                List.of(Dependency.parse("mock", "^0.3")), io.cocoatly.model.ManifestMetadata.NONE);
        Manifest api = new Manifest(PackageName.of("api"), Version.parse("1.0.0"), List.of());
        io.cocoatly.model.Workspace ws = new io.cocoatly.model.Workspace(java.nio.file.Path.of("/w"), java.util.Optional.empty(),
                List.of(new io.cocoatly.model.Workspace.Member("apps/web", web), new io.cocoatly.model.Workspace.Member("libs/api", api)));
        assertEquals("cocoatly-requirements 1\nname workspace\nversion 0.0.0\nworkspace\n"
                + "member web 2.0.0 apps/web\nmember-dependency web api >=1 <2 || ^3\nmember-dependency web http *\n"
                + "member-dependency web tls 2.1.x\nmember-dev-dependency web mock ^0.3\nmember api 1.0.0 libs/api\n",
                RequirementsDigest.canonicalText(ws));
    }

    @Test
    void theDigestMatchesSha256sumOfTheCanonicalText() {
        assertEquals("sha256:64fb14652a09232b1afed8024e0bac1916d65a1737a8607a902638d55e5101ff",
                RequirementsDigest.of(DEMO, V, REQUIREMENTS));
        assertEquals("sha256:d0b05c62789ddc030cbb93432ca29461329c685a21fe1bef913acfe97b756ce0",
                RequirementsDigest.of(DEMO, V, List.of()));
    }

    @Test
    void anyChangeToARequirementNameOrVersionChangesTheDigest() {
        String base = RequirementsDigest.of(DEMO, V, REQUIREMENTS);
        assertNotEquals(base, RequirementsDigest.of(DEMO, V, List.of(req("tls", "2.1.x"), req("http", "^2.1"),
                req("json", ">=1.4.0 <2.0.0"))));
        assertNotEquals(base, RequirementsDigest.of(DEMO, Version.parse("0.1.1"), REQUIREMENTS));
        assertNotEquals(base, RequirementsDigest.of(PackageName.of("demo2"), V, REQUIREMENTS));
        assertNotEquals(base, RequirementsDigest.of(DEMO, V, REQUIREMENTS.subList(0, 2)));
    }

    @Test
    void aRequirementCannotForgeALine() {
        String forged = RequirementsDigest.canonicalText(DEMO, V, List.of(req("a", "1.0.0\ndependency b 2.0.0")));
        assertEquals("cocoatly-requirements 1\nname demo\nversion 0.1.0\ndependency a 1.0.0\\ndependency b 2.0.0\n", forged);
        assertNotEquals(RequirementsDigest.of(DEMO, V, List.of(req("a", "1.0.0"), req("b", "2.0.0"))),
                RequirementsDigest.of(DEMO, V, List.of(req("a", "1.0.0\ndependency b 2.0.0"))));
    }

    @Test
    void aManifestDigestsItsRequirementsAsWritten() {
        Dependency tls;
        try {
            tls = Dependency.parse("tls", "2.1.x");
        } catch (UnsupportedOperationException e) {
            // VersionRange is still a placeholder on this branch; the semver work provides it.
            assumeTrue(false, "VersionRange.parse is not implemented yet");
            return;
        }
        Manifest manifest = new Manifest(DEMO, V, List.of(tls, Dependency.parse("json", ">=1.4.0 <2.0.0"),
                Dependency.parse("http", "^2.0")));
        assertEquals("sha256:64fb14652a09232b1afed8024e0bac1916d65a1737a8607a902638d55e5101ff",
                RequirementsDigest.of(manifest));
    }

    @Test
    void devDependenciesAreDigestedAfterTheOthersAndMetadataIsNot() {
        Manifest manifest = new Manifest(DEMO, V, List.of(Dependency.parse("http", "^2.0")),
                List.of(Dependency.parse("test-kit", "^1")), new io.cocoatly.model.ManifestMetadata(
                        java.util.Optional.of("a demo"), java.util.Optional.empty(), java.util.Optional.empty(),
                        List.of("demo"), List.of()));
        assertEquals("cocoatly-requirements 1\nname demo\nversion 0.1.0\ndependency http ^2.0\n"
                + "dev-dependency test-kit ^1\n", RequirementsDigest.canonicalText(DEMO, V,
                        List.of(req("http", "^2.0")), List.of(req("test-kit", "^1"))));
        assertEquals("sha256:b45898a65a4175303aaac8bc448c71e3b4abba77fc631bbbf736b52845faf813",
                RequirementsDigest.of(manifest));
        // Moving a requirement between the two lists changes what `install --production` installs.
        assertNotEquals(RequirementsDigest.of(manifest), RequirementsDigest.of(new Manifest(DEMO, V,
                List.of(Dependency.parse("http", "^2.0"), Dependency.parse("test-kit", "^1")))));
    }
}
