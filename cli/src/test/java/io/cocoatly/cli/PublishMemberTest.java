package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.ArchiveExtractor;
import io.cocoatly.artifact.Ed25519PublicKey;
import io.cocoatly.artifact.ExtractionLimits;
import io.cocoatly.artifact.TrustedKeys;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.testkit.FakeRegistryApi;
import io.cocoatly.testkit.GoldenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} of a workspace member (docs/workspaces.md, "Publishing a member"), into a registry
 * directory and through a registry's API: dependencies on members become ranges on their versions in
 * the archive only, dev-dependencies on members are left out, and a member is refused while a member
 * it depends on is unpublished. Texts are golden files, the temporary directory shown as {@code <dir>}.
 */
class PublishMemberTest {

    private static final String TOKEN = "cocoatly_clitoken0123456789abcdef";
    private static final String WEB = "{\n  \"name\": \"web\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": {\n"
            + "    \"api\": \"^0.3\",\n    \"core\": \"*\",\n    \"log\": \"^0.4\"\n  },\n"
            + "  \"dev-dependencies\": {\n    \"testutil\": \"*\"\n  }\n}\n";

    @TempDir
    Path dir;

    private CliRunner.Result run(Path cwd, String... args) {
        return new CliRunner(cwd, Map.of("COLUMNS", "100", io.cocoatly.config.ConfigLayers.TOKEN_VARIABLE, TOKEN))
                .run(args);
    }

    private void golden(String name, CliRunner.Result r, int exit) {
        assertEquals(exit, r.exitCode(), r.out() + r.err());
        String text = "exit " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
        GoldenFile.assertMatches(name, text.replace(dir.toString(), "<dir>")
                .replaceAll("http://127\\.0\\.0\\.1:[0-9]+/", "http://127.0.0.1:<port>/")
                .replaceAll("ed25519:[0-9a-f]{16}", "ed25519:<key id>")
                .replaceAll("[0-9a-f]{64}", "<sha256>"));
    }

    /** A registry `team` with `log` 0.4.2, and a workspace: web -> api -> core, web -> core, web -dev-> testutil. */
    @BeforeEach
    void workspaceAndRegistry() {
        assertEquals(0, run(dir, "keygen", "--out", "keys").exitCode());
        assertEquals(0, run(dir, "registry", "init", "reg", "--name", "team").exitCode());
        PublishFixture.packageDir(dir.resolve("log"), "log", "0.4.2", "");
        assertEquals(0, run(dir, "publish", "log", "--registry", "reg", "--key", "keys/cocoatly.key").exitCode());
        PublishFixture.write(dir.resolve("ws/cocoatly.json"), "{\"workspace\": {\"members\": [\"libs/*\", \"apps/web\"]}}\n");
        PublishFixture.packageDir(dir.resolve("ws/libs/core"), "core", "1.2.0", "\"log\": \"^0.4\"");
        PublishFixture.packageDir(dir.resolve("ws/libs/api"), "api", "0.3.1", "\"core\": \"^1.1\"");
        PublishFixture.packageDir(dir.resolve("ws/libs/testutil"), "testutil", "0.1.0", "");
        PublishFixture.packageDir(dir.resolve("ws/apps/web"), "web", "2.0.0", "");
        PublishFixture.write(dir.resolve("ws/apps/web/cocoatly.json"), WEB);
    }

    private String publishedManifest(Path registry, String name, String version) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging-" + name));
        new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of(name, version),
                registry.resolve("artifacts/" + name + "/" + name + "-" + version + ".tar.gz"), staging);
        return Files.readString(staging.resolve("cocoatly.json"));
    }

    @Test
    void aMemberIsRefusedWhileMembersItDependsOnAreUnpublishedNamingThemAndTheOrder() throws IOException {
        Map<String, byte[]> before = PublishFixture.files(dir.resolve("reg"));
        golden("publish/member-unpublished", run(dir.resolve("ws/apps/web/lib"), "publish", "-p", "web", "--registry",
                "../../../../reg", "--key", "../../../../keys/cocoatly.key"), 2);
        assertEquals(before.keySet(), PublishFixture.files(dir.resolve("reg")).keySet(), "nothing written");
        // Once core is published only api is missing; dev-dependencies (testutil) never count.
        assertEquals(0, run(dir.resolve("ws"), "publish", "-p", "core", "--registry", "../reg", "--key",
                "../keys/cocoatly.key").exitCode());
        golden("publish/member-unpublished-after-core", run(dir.resolve("ws"), "publish", "apps/web", "--registry",
                "../reg", "--key", "../keys/cocoatly.key"), 2);
    }

    @Test
    void membersPublishedInOrderGetRangesOnTheirVersionsInTheArchiveOnly() throws IOException {
        assertEquals(0, run(dir.resolve("ws/libs/core"), "publish", "--registry", "../../../reg", "--key",
                "../../../keys/cocoatly.key").exitCode());
        assertEquals(0, run(dir.resolve("ws"), "publish", "-p", "api", "--registry", "../reg", "--key",
                "../keys/cocoatly.key").exitCode());
        golden("publish/member-dry-run", run(dir.resolve("ws"), "publish", "-p", "web", "--registry", "../reg", "--key",
                "../keys/cocoatly.key", "--dry-run"), 0);
        golden("publish/member-dry-run-json", run(dir.resolve("ws"), "publish", "-p", "web", "--registry", "../reg",
                "--key", "../keys/cocoatly.key", "--dry-run", "--json"), 0);
        assertTrue(FileRegistry.open(dir.resolve("reg")).find(PackageName.of("web")).isEmpty(), "a dry run writes nothing");

        golden("publish/member", run(dir.resolve("ws"), "publish", "-p", "web", "--registry", "../reg", "--key",
                "../keys/cocoatly.key"), 0);
        assertEquals(List.of("api ^0.3", "core ^1.2.0", "log ^0.4"), FileRegistry.open(dir.resolve("reg"))
                .find(PackageName.of("web")).orElseThrow().releases().get(0).dependencies().stream()
                .map(d -> d.name() + " " + d.requirement()).toList());
        assertEquals("{\n  \"name\": \"web\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": {\n"
                + "    \"api\": \"^0.3\",\n    \"core\": \"^1.2.0\",\n    \"log\": \"^0.4\"\n  },\n"
                + "  \"dev-dependencies\": {}\n}\n", publishedManifest(dir.resolve("reg"), "web", "2.0.0"));
        assertEquals(WEB, Files.readString(dir.resolve("ws/apps/web/cocoatly.json")), "the member's own file is unchanged");
    }

    @Test
    void aMembersRangeItsVersionIsOutsideOfIsRefused() {
        PublishFixture.write(dir.resolve("ws/libs/api/cocoatly.json"),
                "{\"name\": \"api\", \"version\": \"0.3.1\", \"dependencies\": {\"core\": \"^2\"}}\n");
        golden("publish/member-range-mismatch", run(dir.resolve("ws"), "publish", "-p", "api", "--registry", "../reg",
                "--key", "../keys/cocoatly.key"), 2);
        golden("publish/member-unknown", run(dir.resolve("ws"), "publish", "-p", "wbe", "--registry", "../reg",
                "--key", "../keys/cocoatly.key"), 2);
    }

    @Test
    void aWorkspaceRootWithoutPAndPOutsideAWorkspaceAreUsageErrors() {
        golden("publish/workspace-root", run(dir.resolve("ws"), "publish", "--registry", "../reg", "--key",
                "../keys/cocoatly.key"), 2);
        golden("publish/member-outside-workspace", run(dir, "publish", "-p", "web", "--registry", "reg", "--key",
                "keys/cocoatly.key"), 2);
    }

    @Test
    void theRootsOwnPackageIsPublishedAsAMemberIsWithoutItsWorkspaceOrItsMembers() throws IOException {
        String rootText = "{\n  \"name\": \"suite\",\n  \"version\": \"1.0.0\",\n  \"workspace\": {\"members\":"
                + " [\"libs/*\", \"apps/web\"]},\n  \"dependencies\": {\n    \"core\": \"*\",\n    \"log\": \"^0.4\"\n  }\n}\n";
        PublishFixture.write(dir.resolve("ws/cocoatly.json"), rootText);
        PublishFixture.write(dir.resolve("ws/README.md"), "# suite\n");
        PublishFixture.write(dir.resolve("ws/libs/testutil/cocoatly.json"),
                "{\"name\": \"testutil\", \"version\": \"0.1.0\", \"dependencies\": {\"suite\": \"*\"}}\n");
        // The root first: refused while the member it depends on is unpublished, naming the order.
        CliRunner.Result refused = run(dir.resolve("ws"), "publish", "--registry", "../reg", "--key", "../keys/cocoatly.key");
        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("suite (.) depends on workspace members that registry `team` does not have at"
                + " their versions: `core@1.2.0` (libs/core)"), refused.err());
        assertTrue(refused.err().contains("publish in this order: `cocoatly publish -p core`, `cocoatly publish -p suite`"),
                refused.err());
        // A member depending on the root waits for the root, which -p names like any member.
        CliRunner.Result early = run(dir.resolve("ws"), "publish", "-p", "testutil", "--registry", "../reg", "--key",
                "../keys/cocoatly.key");
        assertEquals(2, early.exitCode(), early.out() + early.err());
        assertTrue(early.err().contains("`suite@1.0.0` (.)"), early.err());

        assertEquals(0, run(dir.resolve("ws"), "publish", "-p", "core", "--registry", "../reg", "--key",
                "../keys/cocoatly.key").exitCode());
        CliRunner.Result root = run(dir.resolve("ws"), "publish", "-p", "suite", "--registry", "../reg", "--key",
                "../keys/cocoatly.key");
        assertEquals(0, root.exitCode(), root.out() + root.err());
        assertEquals("{\n  \"name\": \"suite\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n    \"core\": \"^1.2.0\",\n"
                + "    \"log\": \"^0.4\"\n  }\n}\n", publishedManifest(dir.resolve("reg"), "suite", "1.0.0"));
        Path staging = dir.resolve("staging-suite");
        assertTrue(Files.exists(staging.resolve("README.md")));
        assertTrue(Files.notExists(staging.resolve("libs")) && Files.notExists(staging.resolve("apps")),
                "the members' directories are theirs, not the root package's");
        assertEquals(rootText, Files.readString(dir.resolve("ws/cocoatly.json")), "the root's own file is unchanged");

        assertEquals(0, run(dir.resolve("ws/libs/testutil"), "publish", "--registry", "../../../reg", "--key",
                "../../../keys/cocoatly.key").exitCode());
        assertEquals("{\"name\": \"testutil\", \"version\": \"0.1.0\", \"dependencies\": {\"suite\": \"^1.0.0\"}}\n",
                publishedManifest(dir.resolve("reg"), "testutil", "0.1.0"));
    }

    @Test
    void throughARegistrysApiTheSameRulesHold() throws IOException {
        Ed25519PublicKey pub = Ed25519PublicKey.read(dir.resolve("keys/cocoatly.pub"));
        try (FakeRegistryApi server = new FakeRegistryApi(TrustedKeys.of(List.of(pub)), TOKEN, true)) {
            String url = server.registryUrl().toString();
            server.addPackage("log", null, List.of("alice"), 1);
            server.addVersion("log", "0.4.2", false, 1, Map.of());
            golden("publish/member-api-unpublished", run(dir.resolve("ws"), "publish", "-p", "web", "--registry", url,
                    "--key", "../keys/cocoatly.key"), 2);
            assertTrue(server.archive("web", "2.0.0").isEmpty(), "nothing uploaded");
            for (String member : new String[] {"core", "api", "web"}) {
                CliRunner.Result r = run(dir.resolve("ws"), "publish", "-p", member, "--registry", url, "--key",
                        "../keys/cocoatly.key");
                assertEquals(0, r.exitCode(), r.err());
            }
            String metadata = new String(server.requests().stream().filter(r -> r.target().endsWith("/new"))
                    .reduce((a, b) -> b).orElseThrow().body(), StandardCharsets.ISO_8859_1);
            assertTrue(metadata.contains("\"core\": \"^1.2.0\""), metadata);
            assertTrue(metadata.contains("\"api\": \"^0.3\""), metadata);
            Path archive = Files.write(dir.resolve("web-2.0.0.tar.gz"), server.archive("web", "2.0.0").orElseThrow());
            Path staging = Files.createDirectories(dir.resolve("staging"));
            new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of("web", "2.0.0"), archive, staging);
            assertTrue(Files.readString(staging.resolve("cocoatly.json")).contains("\"core\": \"^1.2.0\""));
        }
    }
}
