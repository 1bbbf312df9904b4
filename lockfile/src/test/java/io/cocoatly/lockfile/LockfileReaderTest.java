package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.InvalidFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a lockfile can be wrong, with the exact message the user sees. */
class LockfileReaderTest {

    private static final String FILE = "cocoatly-lock.json";
    private static final String SAMPLE = Samples.SAMPLE.url().toString();

    private static String simple() {
        return new String(LockfileWriter.toBytes(Samples.simple()), StandardCharsets.UTF_8);
    }

    private static String cycle() {
        return new String(LockfileWriter.toBytes(Samples.cycle()), StandardCharsets.UTF_8);
    }

    /** Replaces exactly one occurrence, so a test cannot silently edit nothing. */
    private static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("not exactly one `" + from + "` in the sample");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static InvalidFileException failure(String text) {
        return assertThrows(InvalidFileException.class,
                () -> LockfileReader.parse(text.getBytes(StandardCharsets.UTF_8), FILE));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            bad("wrong type of format", "\"lockfile\": 2", "\"lockfile\": \"2\"",
                "$.lockfile: expected an integer, found a string"),
            bad("unknown root key", "\"install-order\": [", "\"extra\": 1, \"install-order\": [",
                "$: unknown key `extra`"),
            bad("missing manifest name", "\"name\": \"demo\",", "",
                "$.manifest: missing required key `name`"),
            bad("bad digest", "\"sha256:abab", "\"sha1:abab",
                "$.manifest.requirements-digest: expected `sha256:` and 64 lowercase hex digits: `sha1:"
                    + "ab".repeat(32) + "`"),
            bad("optimal not a boolean", "\"optimal\": true", "\"optimal\": 1",
                "$.resolver.optimal: expected a boolean, found an integer"),
            bad("objective not an integer", "\"packages\": 4", "\"packages\": 4.5",
                "$.resolver.objective.packages: expected an integer, found a number"),
            bad("unknown policy", "\"one-per-package\"", "\"two-per-package\"",
                "$.resolver.multiple-versions: unknown multiple-versions policy: `two-per-package`"),
            bad("bad package name", "\"name\": \"json\"", "\"name\": \"JSON\"",
                "$.packages[1].name: invalid package name `JSON`: it must match [a-z0-9][a-z0-9._-]*"),
            bad("bad version", "\"version\": \"1.4.2\"", "\"version\": \"1.4\"",
                "$.packages[1].version: invalid version `1.4`: expected `.` and the patch version number at column 4,"
                    + " found the end of the input"),
            bad("empty source", "\"source\": \"sample\",\n      \"artifact\": {\n        \"url\": \"" + SAMPLE + "artifacts/json",
                "\"source\": \"\",\n      \"artifact\": {\n        \"url\": \"" + SAMPLE + "artifacts/json",
                "$.packages[1].source: the source must not be empty"),
            bad("dependency not an id", "\"tls@2.1.0\"\n      ]", "\"tls\"\n      ]",
                "$.packages[0].dependencies[0]: expected `name@version`: `tls`"),
            bad("dependency with a bad version", "\"tls@2.1.0\"\n      ]", "\"tls@2.1\"\n      ]",
                "$.packages[0].dependencies[0]: invalid version `2.1`: expected `.` and the patch version number at"
                    + " column 4, found the end of the input"),
            bad("dependency not locked", "\"tls@2.1.0\"\n      ]", "\"tls@2.2.0\"\n      ]",
                "$.packages[0].dependencies[0]: `http@2.0.1` depends on `tls@2.2.0`, which is not a package of this lockfile"),
            bad("dependency listed twice", "\"tls@2.1.0\"\n      ]", "\"tls@2.1.0\", \"tls@2.1.0\"\n      ]",
                "$.packages[0].dependencies[1]: dependency `tls@2.1.0` is listed twice"),
            bad("unknown package key", "\"url\": \"" + SAMPLE + "artifacts/tls-2.1.0.tar.gz\",",
                "\"url\": \"" + SAMPLE + "artifacts/tls-2.1.0.tar.gz\", \"mirror\": \"x\",",
                "$.packages[2].artifact: unknown key `mirror`"),
            bad("negative size", "\"size\": 1027", "\"size\": -1",
                "$.packages[2].artifact.size: size must not be negative: -1"),
            bad("short sha256", "\"sha256\": \"df6af889fe13c8da24c256687835fc0b3988f7fd72b3c1f7827e0fcbc4a4c4f3\"",
                "\"sha256\": \"df\"", "$.packages[2].artifact.checksums.sha256: a sha256 digest has 64 hex digits, found 2"),
            bad("upper-case digest", "\"sha256\": \"df6af889fe13c8da24c256687835fc0b3988f7fd72b3c1f7827e0fcbc4a4c4f3\"",
                "\"sha256\": \"DF\"", "$.packages[2].artifact.checksums.sha256: expected a lowercase hexadecimal digest: `DF`"),
            bad("no known checksum", "\"blake3\": \"5a1919b62c994e65351456fa59916f9d87d5d5905b7bafe418b7613f60bde9b9\",\n"
                    + "          \"sha256\": \"df6af889fe13c8da24c256687835fc0b3988f7fd72b3c1f7827e0fcbc4a4c4f3\",\n"
                    + "          \"sha512\": \"df6af889fe13c8da24c256687835fc0b3988f7fd72b3c1f7827e0fcbc4a4c4f35a1919b62c994e65351456fa59916f9d87d5d5905b7bafe418b7613f60bde9b9\"",
                "\"md5\": \"00\"", "$.packages[2].artifact.checksums: no checksum this client can verify"),
            bad("short signature", "\"ZGY2YWY4ODlmZTEzYzhkYTI0YzI1NjY4NzgzNWZjMGIzOTg4ZjdmZDcyYjNjMWY3ODI3ZTBmY2JjNGE0YzRmMw==\"",
                "\"AAAA\"", "$.packages[2].artifact.signature.ed25519: an Ed25519 signature has 64 bytes, found 3"),
            bad("duplicate key", "\"size\": 1027", "\"size\": 1027, \"size\": 1027",
                "$.packages[2].artifact.size: duplicate key `size` at line 71, column 29"),
            bad("package listed twice in the order", "[\n      \"http@2.0.1\"\n    ]", "[\n      \"json@1.4.2\"\n    ]",
                "$.install-order[2][0]: `json@1.4.2` appears twice in the install order"),
            bad("package missing from the order", "[\n      \"tls@2.1.0\"\n    ],\n    ", "",
                "$.install-order: `tls@2.1.0` is missing from the install order"),
            bad("unknown package in the order", "[\n      \"tls@2.1.0\"\n    ]", "[\n      \"tls@2.1.0\", \"zlib@1.0.0\"\n    ]",
                "$.install-order[1][1]: `zlib@1.0.0` is not a package of this lockfile"),
            bad("a group that is not a cycle", "[\n      \"json@1.4.2\"\n    ],\n    [\n      \"tls@2.1.0\"\n    ]",
                "[\n      \"json@1.4.2\",\n      \"tls@2.1.0\"\n    ]",
                "$.install-order[0]: `json@1.4.2` and `tls@2.1.0` share a group but are not in a dependency cycle;"
                    + " only a cycle is installed as one group"),
            bad("unknown source key", "\"url\": \"" + SAMPLE + "\"\n", "\"url\": \"" + SAMPLE + "\", \"mirror\": \"x\"\n",
                "$.sources[0]: unknown key `mirror`"),
            bad("empty source name", "\"name\": \"sample\",\n      \"url\"", "\"name\": \"\",\n      \"url\"",
                "$.sources[0].name: a source needs a name"),
            bad("relative source URL", "\"url\": \"" + SAMPLE + "\"", "\"url\": \"registry/\"",
                "$.sources[0].url: expected an absolute http, https or file URL: `registry/`"),
            bad("source URL of another scheme", "\"url\": \"" + SAMPLE + "\"", "\"url\": \"ftp://registry.example/\"",
                "$.sources[0].url: expected an absolute http, https or file URL: `ftp://registry.example/`"),
            bad("source URL without a final slash", "\"url\": \"" + SAMPLE + "\"", "\"url\": \"https://registry.example/sample\"",
                "$.sources[0].url: a source URL names a directory and ends with `/`: `https://registry.example/sample`"),
            bad("source URL with a query", "\"url\": \"" + SAMPLE + "\"", "\"url\": \"" + SAMPLE + "?token=x\"",
                "$.sources[0].url: a source URL has no query or fragment: `" + SAMPLE + "?token=x`"),
            bad("source URL that is no URL", "\"url\": \"" + SAMPLE + "\"", "\"url\": \"https://registry.example/a b/\"",
                "$.sources[0].url: not a valid URL: `https://registry.example/a b/`: Illegal character in path"),
            bad("duplicate source", "\"sources\": [", "\"sources\": [{\"name\": \"sample\", \"url\": \"file:///srv/r/\"},",
                "$.sources[1].name: duplicate source `sample`, also at $.sources[0]"),
            bad("no sources in format 2", "\"sources\": [\n    {\n      \"name\": \"sample\",\n      \"url\": \"" + SAMPLE
                    + "\"\n    }\n  ],\n", "", "$: missing required key `sources`"),
            bad("package from an unlisted source", "\"source\": \"sample\",\n      \"artifact\": {\n        \"url\": \"" + SAMPLE
                    + "artifacts/json", "\"source\": \"elsewhere\",\n      \"artifact\": {\n        \"url\": \"" + SAMPLE
                    + "artifacts/json", "$.packages[1].source: `elsewhere` is not a source of this lockfile; sources: `sample`"),
            bad("relative artifact URL in format 2", "\"url\": \"" + SAMPLE + "artifacts/tls-2.1.0.tar.gz\"",
                "\"url\": \"artifacts/tls-2.1.0.tar.gz\"", "$.packages[2].artifact.url: expected an absolute http, https or"
                    + " file URL (format 2 records where each artifact is): `artifacts/tls-2.1.0.tar.gz`"),
            bad("dev mark not a boolean", "\"name\": \"tls\",\n      \"version\": \"2.1.0\",\n      \"source\": \"sample\",",
                "\"name\": \"tls\",\n      \"version\": \"2.1.0\",\n      \"source\": \"sample\", \"dev\": \"yes\",",
                "$.packages[2].dev: expected a boolean, found a string"),
            bad("a production package needing a dev one", "\"name\": \"tls\",\n      \"version\": \"2.1.0\",\n      \"source\": \"sample\",",
                "\"name\": \"tls\",\n      \"version\": \"2.1.0\",\n      \"source\": \"sample\", \"dev\": true,",
                "$.packages[0].dependencies[0]: `http@2.0.1` is not marked dev but depends on `tls@2.1.0`, which is"),
            bad("empty group", "\"install-order\": [", "\"install-order\": [[],",
                "$.install-order[0]: an install group must not be empty"),
            bad("truncated", "\n  ]\n}\n", "\n",
                "$.install-order[2]: malformed JSON at line 95, column 1: the file ends too early"));
    }

    private static Arguments bad(String why, String from, String to, String expected) {
        return Arguments.of(why, from, to, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithAnExactMessage(String why, String from, String to, String expected) {
        InvalidFileException e = failure(edit(simple(), from, to));
        assertEquals(FILE + ": " + expected, e.getMessage(), why);
        assertEquals("invalid-lockfile", e.code());
    }

    @Test
    void aDependencyInstalledLaterIsRejected() {
        String text = edit(simple(), "[\n      \"tls@2.1.0\"\n    ],\n    [\n      \"http@2.0.1\"\n    ]",
                "[\n      \"http@2.0.1\"\n    ],\n    [\n      \"tls@2.1.0\"\n    ]");
        assertEquals(FILE + ": $.install-order[1][0]: `http@2.0.1` is installed before its dependency `tls@2.1.0` (group 2)",
                failure(text).getMessage());
    }

    @Test
    void aCycleSplitAcrossGroupsIsRejected() {
        String text = edit(cycle(), "[\n      \"a@1.0.0\",\n      \"b@1.0.0-rc.1\"\n    ]",
                "[\n      \"a@1.0.0\"\n    ],\n    [\n      \"b@1.0.0-rc.1\"\n    ]");
        assertEquals(FILE + ": $.install-order[1][0]: `a@1.0.0` is installed before its dependency `b@1.0.0-rc.1` (group 2)",
                failure(text).getMessage());
    }

    @Test
    void aDuplicatePackageIsRejected() {
        String text = edit(cycle(), "\"packages\": [", "\"packages\": [\n{\"name\": \"base\", \"version\": \"0.3.0+other\","
                + " \"source\": \"sample\", \"dependencies\": []},");
        assertEquals(FILE + ": $.packages[3]: duplicate package `base@0.3.0+build.5`, also at $.packages[0]",
                failure(text).getMessage());
    }

    @Test
    void twoVersionsOfAPackageNeedTheSemverMajorPolicy() {
        String text = edit(cycle(), "\"packages\": [", "\"packages\": [\n{\"name\": \"base\", \"version\": \"0.4.0\","
                + " \"source\": \"sample\", \"dependencies\": []},");
        assertEquals(FILE + ": $.packages[3].version: `base` is locked at both 0.4.0 and 0.3.0+build.5, but"
                + " `multiple-versions` is `one-per-package`", failure(text).getMessage());
    }

    @Test
    void semverMajorStillAllowsOnlyOneVersionPerCompatibilityClass() {
        String text = new String(LockfileWriter.toBytes(Samples.semverMajor()), StandardCharsets.UTF_8);
        text = edit(text, "\"version\": \"2.0.0\"", "\"version\": \"1.3.0\"").replace("log@2.0.0", "log@1.3.0");
        assertEquals(FILE + ": $.packages[2].version: `log` is locked at both 1.2.0 and 1.3.0, but `multiple-versions`"
                + " is `semver-major`", failure(text).getMessage());
    }

    @Test
    void aNewerFormatIsUnsupportedWithAnUpgradeHint() {
        InvalidFileException e = failure(edit(simple(), "\"lockfile\": 2", "\"lockfile\": 3, \"future\": {}"));
        assertEquals("unsupported-lockfile", e.code());
        assertEquals(FILE + ": $.lockfile: unsupported lockfile format: 3 (this Cocoatly reads formats 1 to 2)", e.getMessage());
        assertEquals(List.of("this lockfile was written by a newer Cocoatly; upgrade, or run `cocoatly lock` to regenerate it"),
                e.hints());
    }

    @Test
    void anOlderFormatIsUnsupportedWithARegenerateHint() {
        InvalidFileException e = failure(edit(simple(), "\"lockfile\": 2", "\"lockfile\": 0"));
        assertEquals("unsupported-lockfile", e.code());
        assertEquals(List.of("run `cocoatly lock` to regenerate it"), e.hints());
    }

    @Test
    void anEmptyFileIsInvalid() {
        assertEquals(FILE + ": $: the file is empty", failure("").getMessage());
    }

    @Test
    void aMissingFileIsNotFound(@TempDir Path dir) {
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> LockfileReader.read(dir.resolve(FILE)));
        assertEquals("lockfile-not-found", e.code());
        assertEquals("no lockfile at `" + dir.resolve(FILE) + "`", e.getMessage());
    }

    @Test
    void aFormat1LockfileIsReadAsItIsWithRelativeArtifactUrls() {
        Lockfile read = LockfileReader.parse(LockfileWriter.toBytes(Samples.format1()), FILE);
        assertEquals(1, read.format());
        assertEquals(List.of(), read.sources());
        assertFalse(read.locatesArtifacts());
        assertEquals("artifacts/http-2.0.1.tar.gz", read.packages().get(0).artifact().orElseThrow().url());
        assertTrue(LockfileReader.parse(LockfileWriter.toBytes(Samples.simple()), FILE).locatesArtifacts());
    }

    @Test
    void format1HasNoSources() {
        String text = new String(LockfileWriter.toBytes(Samples.format1()), StandardCharsets.UTF_8);
        InvalidFileException e = failure(edit(text, "\"packages\": [", "\"sources\": [], \"packages\": ["));
        assertEquals(FILE + ": $: unknown key `sources`", e.getMessage());
    }

    @Test
    void packagesInAnyOrderReadToTheSameLockfile() {
        String text = simple();
        String http = text.substring(text.indexOf("    {\n      \"name\": \"http\""), text.indexOf("    {\n      \"name\": \"json\""));
        String reordered = text.replace(http, "").replace("    }\n  ],\n  \"install-order\"", "    },\n"
                + http.substring(0, http.length() - 2) + "\n  ],\n  \"install-order\"");
        assertEquals(Samples.simple(), LockfileReader.parse(reordered.getBytes(StandardCharsets.UTF_8), FILE));
    }
}
