package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One release entry that cannot be read is left out, the rest of its package kept, and it is
 * reported once (docs/registry-protocol.md, "Index files and bad entries").
 */
class LenientIndexTest {

    private static final Path LENIENT = Path.of(System.getProperty("cocoatly.repo", "..")).resolve("testdata/lenient-registry");

    @TempDir
    Path dir;

    private static List<String> versions(PackageListing listing) {
        return listing.releases().stream().map(r -> r.version().toString()).toList();
    }

    @Test
    void theCommittedRegistryKeepsEveryReadableRelease() {
        List<LeftOutRelease> heard = Collections.synchronizedList(new ArrayList<>());
        FileRegistry registry = FileRegistry.open(DirectorySource.open(LENIENT), heard::add);
        assertEquals(List.of("0.1.0+1"), versions(registry.find(PackageName.of("cargo_crates-io_docs-rs_test")).orElseThrow()));
        assertEquals(List.of("0.1.0"), versions(registry.find(PackageName.of("test-max-version-example-crate")).orElseThrow()));
        assertEquals(List.of(), versions(registry.find(PackageName.of("version-length-checking-is-overrated")).orElseThrow()));
        assertEquals(List.of("1.0.0"), versions(registry.find(PackageName.of("app")).orElseThrow()));

        String index = LENIENT.resolve("index").toString();
        assertEquals(List.of(
                index + "/cargo_crates-io_docs-rs_test.json: $.versions[1].version: duplicate version `0.1.0+2`: already listed"
                        + " at $.versions[0].version as `0.1.0+1`; left out",
                index + "/test-max-version-example-crate.json: $.versions[1].version: invalid version"
                        + " `18446744073709551615.18446744073709551615.18446744073709551615`: expected the major version"
                        + " number no larger than 9223372036854775807 at column 1, found `1`; left out",
                index + "/version-length-checking-is-overrated.json: $.versions[0].version: invalid version"
                        + " `12345678901234567890.12345678901234567890.12345678901234567890`: expected the major version"
                        + " number no larger than 9223372036854775807 at column 1, found `1`; left out",
                index + "/version-length-checking-is-overrated.json: $.versions[1].version: invalid version"
                        + " `12345678901234567890.12345678901234567890.12345678901234567891`: expected the major version"
                        + " number no larger than 9223372036854775807 at column 1, found `1`; left out",
                index + "/app.json: $.versions[0].dependencies.cargo_crates-io_docs-rs_test: invalid requirement `>=< 0.1`:"
                        + " expected a version after `>=` at column 3, found `<`; left out",
                index + "/app.json: $.versions[2]: expected an object, found a string; left out"),
                registry.leftOut().stream().map(LeftOutRelease::text).toList());
        assertEquals(registry.leftOut(), heard);
        assertEquals(PackageName.of("app"), registry.leftOut().get(5).name());
    }

    @Test
    void eachEntryIsReportedOnceHoweverOftenAndConcurrentlyItsPackageIsAskedFor() throws Exception {
        TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"1.0.0+a\"}, {\"version\": \"1.0.0+b\"}]}");
        List<LeftOutRelease> heard = Collections.synchronizedList(new ArrayList<>());
        FileRegistry registry = FileRegistry.open(DirectorySource.open(dir), heard::add);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return registry.find(PackageName.of("http"));
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        registry.find(PackageName.of("http"));
        assertEquals(1, heard.size(), heard.toString());
        assertEquals(heard, registry.leftOut());
    }

    @Test
    void whenTheFirstOfTwoDuplicatesIsUnreadableTheSecondIsKept() {
        FileRegistry registry = TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": ["
                + "{\"version\": \"1.0.0+a\", \"dependencies\": {\"tls\": \"^^1\"}}, {\"version\": \"1.0.0+b\"}, {\"version\": \"1.0.0+c\"}]}")
                .open();
        assertEquals(List.of("1.0.0+b"), versions(registry.find(PackageName.of("http")).orElseThrow()));
        assertEquals(List.of("$.versions[0].dependencies.tls", "$.versions[2].version"),
                registry.leftOut().stream().map(LeftOutRelease::jsonPath).toList());
    }

    @Test
    void aBadArtifactLeavesItsReleaseOut() {
        FileRegistry registry = TempRegistry.in(dir).index("http", "{\"name\": \"http\", \"versions\": ["
                + "{\"version\": \"1.0.0\", \"artifact\": {\"url\": \"a.tar.gz\", \"size\": 1, \"checksums\": {\"md5\": \"00\"}}},"
                + "{\"version\": \"1.1.0\"}]}").open();
        List<Release> releases = registry.find(PackageName.of("http")).orElseThrow().releases();
        assertEquals(List.of("1.1.0"), releases.stream().map(r -> r.version().toString()).toList());
        LeftOutRelease entry = registry.leftOut().get(0);
        assertEquals("$.versions[0].artifact.checksums", entry.jsonPath());
        assertTrue(entry.problem().startsWith("no checksum this client can verify"), entry.problem());
    }

    @Test
    void aFileThatFailsWholeReportsNothingAndIsReadAgain() {
        TempRegistry files = TempRegistry.in(dir).index("http", "{\"name\": \"tls\", \"versions\": [{\"version\": \"x\"}]}");
        FileRegistry registry = files.open();
        org.junit.jupiter.api.Assertions.assertThrows(io.cocoatly.model.InvalidFileException.class,
                () -> registry.find(PackageName.of("http")));
        assertEquals(List.of(), registry.leftOut());
        files.index("http", "{\"name\": \"http\", \"versions\": [{\"version\": \"x\"}, {\"version\": \"1.0.0\"}]}");
        assertEquals(List.of("1.0.0"), versions(registry.find(PackageName.of("http")).orElseThrow()));
        assertEquals(1, registry.leftOut().size());
    }
}
