package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way an index file can be wrong, with the exact message a user sees: an error for the file as
 * a whole, a left-out entry for one release.
 */
class IndexFileErrorsTest {

    @TempDir
    Path dir;

    /** Reads {@code index/http.json} holding {@code json} and returns the error. */
    private InvalidFileException httpError(String json) {
        FileRegistry registry = TempRegistry.in(dir).index("http", json).open();
        return assertThrows(InvalidFileException.class, () -> registry.find(PackageName.of("http")));
    }

    /** Reads {@code index/http.json} holding {@code json} and returns its one left-out entry. */
    private LeftOutRelease httpLeftOut(String json) {
        FileRegistry registry = TempRegistry.in(dir).index("http", json).open();
        registry.find(PackageName.of("http")).orElseThrow();
        assertEquals(1, registry.leftOut().size(), registry.leftOut().toString());
        LeftOutRelease entry = registry.leftOut().get(0);
        assertEquals(file(), entry.file());
        assertEquals(PackageName.of("http"), entry.name());
        return entry;
    }

    private static String text(LeftOutRelease entry) {
        return entry.jsonPath() + ": " + entry.problem();
    }

    private String file() {
        return dir.resolve("index/http.json").toString();
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        InvalidFileException e = httpError("{\"name\": \"http\",\n \"versions\": [{\"version\": \"1.0.0\",}]}");
        assertEquals(file() + ": $.versions[0].version: malformed JSON at line 2, column 35: expected a key in "
                + "double quotes, found `}`", e.getMessage());
        assertEquals("invalid-registry", e.code());
    }

    @Test
    void truncatedFile() {
        InvalidFileException e = httpError("{\"name\": \"http\", \"versions\": [");
        assertEquals(file() + ": $.versions[0]: malformed JSON at line 1, column 31: the file ends too early",
                e.getMessage());
    }

    @Test
    void trailingContentIsAnError() {
        InvalidFileException e = httpError("{\"name\": \"http\", \"versions\": []} {}");
        assertEquals("$", e.jsonPath());
        assertEquals(true, e.problem().startsWith("malformed JSON at line 1, column "), e.problem());
    }

    @Test
    void emptyFile() {
        assertEquals(file() + ": $: the file is empty", httpError("").getMessage());
    }

    @Test
    void topLevelMustBeAnObject() {
        assertEquals(file() + ": $: expected an object, found an array", httpError("[]").getMessage());
    }

    @Test
    void wrongTypesOfTheFileAreErrors() {
        assertEquals(file() + ": $.name: expected a string, found an integer",
                httpError("{\"name\": 7, \"versions\": []}").getMessage());
        assertEquals(file() + ": $.versions: expected an array, found an object",
                httpError("{\"name\": \"http\", \"versions\": {}}").getMessage());
    }

    @Test
    void wrongTypesInAnEntryLeaveItOut() {
        assertEquals("$.versions[1]: expected an object, found a string",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}, \"1.1.0\"]}")));
        assertEquals("$.versions[0].version: expected a string, found a number",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": 1.0}]}")));
        assertEquals("$.versions[0].yanked: expected a boolean, found a string",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"yanked\": \"no\"}]}")));
        assertEquals("$.versions[0].dependencies.tls: expected a string, found null",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"dependencies\": {\"tls\": null}}]}")));
        assertEquals("$.versions[0].dependencies: expected an object, found an array",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"dependencies\": [\"tls\"]}]}")));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals(file() + ": $: missing required key `versions`", httpError("{\"name\": \"http\"}").getMessage());
        assertEquals("$.versions[0]: missing required key `version`",
                text(httpLeftOut("{\"name\": \"http\", \"versions\": [{\"yanked\": true}]}")));
    }

    @Test
    void duplicateVersions() {
        LeftOutRelease e = httpLeftOut(
                "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}, {\"version\": \"1.1.0\"}, {\"version\": \"1.0.0\"}]}");
        assertEquals(file() + ": $.versions[2].version: duplicate version `1.0.0`: already listed at "
                + "$.versions[0].version as `1.0.0`; left out", e.text());
    }

    @Test
    void versionsEqualExceptBuildMetadataAreDuplicates() {
        LeftOutRelease e = httpLeftOut(
                "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0+linux\"}, {\"version\": \"1.0.0+mac\"}]}");
        assertEquals("$.versions[1].version: duplicate version `1.0.0+mac`: already listed at "
                + "$.versions[0].version as `1.0.0+linux`", text(e));
    }

    @Test
    void anEditorReadsStrictly() {
        TempRegistry.in(dir).index("http",
                "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0+linux\"}, {\"version\": \"1.0.0+mac\"}]}");
        try (RegistryEditor editor = RegistryEditor.open(dir)) {
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> editor.listing(PackageName.of("http")));
            assertEquals(file() + ": $.versions[1].version: duplicate version `1.0.0+mac`: already listed at "
                    + "$.versions[0].version as `1.0.0+linux`", e.getMessage());
            assertEquals(List.of("versions that differ only in build metadata (`+...`) are the same version"), e.hints());
        }
    }

    @Test
    void duplicateKeys() {
        InvalidFileException e = httpError("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\",\n"
                + "  \"dependencies\": {\"tls\": \"^1.0\", \"tls\": \"^2.0\"}}]}");
        assertEquals(file() + ": $.versions[0].dependencies.tls: duplicate key `tls` at line 2, column 40",
                e.getMessage());
    }

    @Test
    void invalidVersion() {
        LeftOutRelease e = httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}, {\"version\": \"1.2\"}]}");
        assertEquals("$.versions[1].version: invalid version `1.2`: expected `.` and the patch version number at column 4, found the "
                + "end of the input", text(e));
    }

    @Test
    void invalidRequirementQuotesTheSyntaxError() {
        LeftOutRelease e = httpLeftOut(
                "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\", \"dependencies\": {\"log\": \">=0.4 <<0.6\"}}]}");
        assertEquals("$.versions[0].dependencies.log: invalid requirement `>=0.4 <<0.6`: expected "
                + "a version after `<` at column 8, found `<`", text(e));
    }

    @Test
    void invalidNameInNameField() {
        InvalidFileException e = httpError("{\"name\": \"HTTP\", \"versions\": []}");
        assertEquals(file() + ": $.name: invalid package name `HTTP`: it must match [a-z0-9][a-z0-9._-]*",
                e.getMessage());
        assertEquals(1, e.hints().size());
    }

    @Test
    void nameMustMatchTheFileName() {
        InvalidFileException e = httpError("{\"name\": \"tls\", \"versions\": []}");
        assertEquals(file() + ": $.name: name `tls` does not match the file name `http.json`", e.getMessage());
        assertEquals(List.of("an index file is named after its package: rename it to `tls.json` or fix `name`"),
                e.hints());
    }

    @Test
    void invalidNameInDependencyKey() {
        LeftOutRelease e = httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\","
                + " \"dependencies\": {\"../../etc/passwd\": \"*\"}}]}");
        assertEquals("$.versions[0].dependencies['../../etc/passwd']: invalid package name "
                + "`../../etc/passwd`: it must match [a-z0-9][a-z0-9._-]*", text(e));
    }

    @Test
    void tooLongDependencyName() {
        String name = "a".repeat(65);
        LeftOutRelease e = httpLeftOut("{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\","
                + " \"dependencies\": {\"" + name + "\": \"*\"}}]}");
        assertEquals("$.versions[0].dependencies." + name, e.jsonPath());
        assertEquals("invalid package name `" + name + "`: longer than 64 characters", e.problem());
    }

    @Test
    void invalidNameInFileNameFailsTheListing() {
        TempRegistry registry = TempRegistry.in(dir)
                .index("http", "{\"name\": \"http\", \"versions\": []}")
                .index("Tls", "{\"name\": \"tls\", \"versions\": []}");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> registry.open().packageNames());
        assertEquals(registry.path("index/Tls.json") + ": $: the file name is not a package name: invalid package "
                + "name `Tls`: it must match [a-z0-9][a-z0-9._-]*", e.getMessage());
    }

    @Test
    void nothingIsCachedFromAFailedRead() {
        TempRegistry registry = TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": {}}");
        FileRegistry open = registry.open();
        assertThrows(InvalidFileException.class, () -> open.find(PackageName.of("http")));
        registry.index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0\"}]}");
        assertEquals(1, open.find(PackageName.of("http")).orElseThrow().releases().size());
    }
}
