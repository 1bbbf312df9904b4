package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest a member is published with: ranges on members, dev-dependencies on members dropped. */
class PublishedManifestTest {

    @TempDir
    Path dir;

    private void write(String path, String json) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private Workspace workspace(String webJson) throws IOException {
        write("cocoatly.json", "{\"workspace\": {\"members\": [\"libs/*\", \"apps/web\"]}}\n");
        write("libs/core/cocoatly.json", "{\"name\": \"core\", \"version\": \"1.2.0\"}\n");
        write("libs/api/cocoatly.json", "{\"name\": \"api\", \"version\": \"0.3.1\"}\n");
        write("libs/testutil/cocoatly.json", "{\"name\": \"testutil\", \"version\": \"0.1.0\"}\n");
        write("apps/web/cocoatly.json", webJson);
        return Workspaces.read(dir.resolve("cocoatly.json"));
    }

    @Test
    void anyVersionBecomesACaretOnTheMembersVersionAnExplicitRangeIsKeptAndDevDependenciesOnMembersGo()
            throws IOException {
        String web = "{\n  \"name\": \"web\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": {\n    \"api\": \"^0.3\",\n"
                + "    \"core\": \"*\",\n    \"http\": \"^2\"\n  },\n  \"dev-dependencies\": {\n    \"testutil\": \"*\",\n"
                + "    \"tap\": \"^1\"\n  }\n}\n";
        Workspace ws = workspace(web);
        PublishedManifest published = PublishedManifest.of(ws, ws.member(PackageName.of("web")).orElseThrow());
        assertEquals("{\n  \"name\": \"web\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": {\n    \"api\": \"^0.3\",\n"
                + "    \"core\": \"^1.2.0\",\n    \"http\": \"^2\"\n  },\n  \"dev-dependencies\": {\n"
                + "    \"tap\": \"^1\"\n  }\n}\n", published.text());
        assertEquals(List.of("api ^0.3", "core ^1.2.0", "http ^2"),
                published.manifest().dependencies().stream().map(d -> d.name() + " " + d.requirement()).toList());
        assertEquals(List.of("api ^0.3 -> ^0.3", "core * -> ^1.2.0"), published.onMembers().stream()
                .map(o -> o.member().name() + " " + o.written() + " -> " + o.published()).toList());
        assertEquals(List.of(PackageName.of("testutil")), published.devDropped());
        assertEquals(web, Files.readString(dir.resolve("apps/web/cocoatly.json")), "the member's file is not changed");
    }

    @Test
    void aRangeTheMembersVersionIsOutsideOfIsRefusedNamingEach() throws IOException {
        Workspace ws = workspace("{\"name\": \"web\", \"version\": \"2.0.0\", \"dependencies\": {\"api\": \"^0.4\","
                + " \"core\": \">=1.0, <1.2\", \"http\": \"^2\"}}");
        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> PublishedManifest.of(ws, ws.member(PackageName.of("web")).orElseThrow()));
        assertEquals(PublishedManifest.MISMATCH, e.code());
        assertEquals("web (apps/web) depends on workspace members at versions they are not: `api ^0.4` does not"
                + " accept api (libs/api) at 0.3.1; `core >=1.0, <1.2` does not accept core (libs/core) at 1.2.0",
                e.getMessage());
    }
}
