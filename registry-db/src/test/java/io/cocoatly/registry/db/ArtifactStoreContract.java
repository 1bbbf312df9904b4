package io.cocoatly.registry.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.artifact.ArchivePacker;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.registry.server.ApiException;
import io.cocoatly.registry.server.ArtifactFile;
import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ArtifactStore} promises, run against each implementation by a subclass that
 * makes an empty store per test. The archives are the sample registry's real tarballs.
 */
abstract class ArtifactStoreContract {

    static final PackageId JSON_1_0_0 = PackageId.of("json", "1.0.0");
    static final PackageId JSON_BUILD = PackageId.of("json", "1.0.0+build.5");
    static final PackageId JSON_RC = PackageId.of("json", "2.0.0-rc.1");
    static final PackageId GZIP = PackageId.of("gzip", "0.4.0");
    static final Path ARCHIVE = TestData.path("testdata/registry/artifacts/json/json-1.0.0.tar.gz");
    static final Path OTHER_ARCHIVE = TestData.path("testdata/registry/artifacts/json/json-1.1.0.tar.gz");

    ArtifactStore store;

    @TempDir
    Path scratch;

    /** A new, empty store. */
    abstract ArtifactStore newStore() throws Exception;

    /** The same store as {@link #store}, whose puts fail halfway through writing the bytes. */
    abstract ArtifactStore storeFailingMidway() throws Exception;

    /** Puts an object under {@code key} behind the store's back, as another tool or a crash would. */
    abstract void putStray(String key, byte[] bytes) throws Exception;

    /** The bytes a download of {@code file} would get. */
    abstract byte[] served(ArtifactFile file) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aStoredArchiveComesBackByteForByte() throws Exception {
        assertTrue(store.put(JSON_1_0_0, ARCHIVE));

        assertTrue(store.exists(JSON_1_0_0));
        assertArrayEquals(Files.readAllBytes(ARCHIVE), read(store.open(JSON_1_0_0)));
        ArtifactFile file = store.file(JSON_1_0_0).orElseThrow();
        assertEquals(JSON_1_0_0, file.id());
        assertArrayEquals(Files.readAllBytes(ARCHIVE), served(file));
    }

    @Test
    void theSameBytesAgainChangeNothing() throws Exception {
        store.put(JSON_1_0_0, ARCHIVE);

        assertFalse(store.put(JSON_1_0_0, ARCHIVE));
        assertArrayEquals(Files.readAllBytes(ARCHIVE), read(store.open(JSON_1_0_0)));
    }

    @Test
    void otherBytesUnderAStoredKeyAreRefusedAndChangeNothing() throws Exception {
        store.put(JSON_1_0_0, ARCHIVE);

        ApiException e = assertThrows(ApiException.class, () -> store.put(JSON_1_0_0, OTHER_ARCHIVE));

        assertEquals(ApiException.Status.CONFLICT, e.status());
        assertEquals("artifact-exists", e.code());
        assertTrue(e.getMessage().startsWith("`json/json-1.0.0.tar.gz` is stored already in the artifact store "),
                e.getMessage());
        assertArrayEquals(Files.readAllBytes(ARCHIVE), read(store.open(JSON_1_0_0)));
        assertEquals(List.of(JSON_1_0_0), store.list());
    }

    @Test
    void aMissingObjectIsEmptyNotAnError() {
        assertFalse(store.exists(JSON_1_0_0));
        assertEquals(Optional.empty(), store.open(JSON_1_0_0));
        assertEquals(Optional.empty(), store.file(JSON_1_0_0));
        store.delete(JSON_1_0_0);
        assertFalse(store.exists(JSON_1_0_0));
        assertEquals(List.of(), store.list());
    }

    @Test
    void listNamesEveryStoredReleaseSortedAndNothingElse() throws Exception {
        store.put(JSON_RC, OTHER_ARCHIVE);
        store.put(GZIP, ARCHIVE);
        store.put(JSON_BUILD, ARCHIVE);
        store.put(JSON_1_0_0, ARCHIVE);
        putStray("json/notes.txt", new byte[] {1});
        putStray("json/.json-1.2.0.tar.gz.12345.tmp", new byte[] {1});
        putStray("gzip/json-1.0.0.tar.gz", new byte[] {1});

        assertEquals(List.of(GZIP, JSON_1_0_0, JSON_BUILD, JSON_RC), store.list());
    }

    @Test
    void buildMetadataIsPartOfTheKey() throws Exception {
        assertEquals("json/json-1.0.0+build.5.tar.gz", ArtifactKeys.key(JSON_BUILD));

        store.put(JSON_BUILD, OTHER_ARCHIVE);

        assertFalse(store.exists(JSON_1_0_0));
        assertArrayEquals(Files.readAllBytes(OTHER_ARCHIVE), read(store.open(JSON_BUILD)));
        assertArrayEquals(Files.readAllBytes(OTHER_ARCHIVE), served(store.file(JSON_BUILD).orElseThrow()));
        assertEquals(List.of(JSON_BUILD), store.list());
    }

    @Test
    void deleteRemovesTheObjectAndMakesRoomForOtherBytes() throws Exception {
        store.put(JSON_1_0_0, ARCHIVE);
        store.put(GZIP, ARCHIVE);

        store.delete(JSON_1_0_0);

        assertFalse(store.exists(JSON_1_0_0));
        assertEquals(Optional.empty(), store.open(JSON_1_0_0));
        assertEquals(List.of(GZIP), store.list());
        assertTrue(store.put(JSON_1_0_0, OTHER_ARCHIVE));
        assertArrayEquals(Files.readAllBytes(OTHER_ARCHIVE), read(store.open(JSON_1_0_0)));
    }

    @Test
    void aPutThatFailsMidwayLeavesNoObjectUnderTheKey() throws Exception {
        try (ArtifactStore failing = storeFailingMidway()) {
            assertThrows(CocoatlyException.class, () -> failing.put(JSON_1_0_0, ARCHIVE));
        }

        assertFalse(store.exists(JSON_1_0_0));
        assertEquals(Optional.empty(), store.open(JSON_1_0_0));
        assertEquals(List.of(), store.list());
        assertTrue(store.put(JSON_1_0_0, ARCHIVE));
    }

    @Test
    void ofTwoSimultaneousPutsOfDifferentBytesExactlyOneWinsAndItsBytesStay() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> puts = new ArrayList<>();
            for (Path archive : List.of(ARCHIVE, OTHER_ARCHIVE)) {
                puts.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    return store.put(JSON_1_0_0, archive);
                }));
            }
            start.countDown();
            List<Path> winners = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 2; i++) {
                try {
                    assertTrue(puts.get(i).get());
                    winners.add(i == 0 ? ARCHIVE : OTHER_ARCHIVE);
                } catch (ExecutionException e) {
                    assertEquals("artifact-exists", ((ApiException) e.getCause()).code());
                    refused++;
                }
            }
            assertEquals(1, winners.size());
            assertEquals(1, refused);
            assertArrayEquals(Files.readAllBytes(winners.get(0)), read(store.open(JSON_1_0_0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReaderDuringAPutSeesNoObjectOrTheWholeArchive() throws Exception {
        Path archive = bigArchive(scratch);
        byte[] whole = Files.readAllBytes(archive);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> put = pool.submit(() -> store.put(JSON_1_0_0, archive));
            int seen = 0;
            int partial = 0;
            while (!put.isDone() || seen == 0) {
                Optional<InputStream> stream = store.open(JSON_1_0_0);
                if (stream.isPresent()) {
                    seen++;
                    if (!Arrays.equals(whole, read(stream))) {
                        partial++;
                    }
                }
            }
            assertTrue(put.get());
            assertEquals(0, partial, "reads that saw part of the archive, of " + seen);
        } finally {
            pool.shutdownNow();
        }
    }

    // A real tarball of 4 MiB of incompressible bytes: big enough that writing it takes many reads' time.
    private static Path bigArchive(Path scratch) throws IOException {
        Path tree = Files.createDirectories(scratch.resolve("big-package"));
        byte[] noise = new byte[4 << 20];
        new Random(42).nextBytes(noise);
        Files.write(tree.resolve("noise.bin"), noise);
        Path archive = scratch.resolve("big-package-1.0.0.tar.gz");
        ArchivePacker.pack(tree, archive);
        return archive;
    }

    static byte[] read(Optional<InputStream> stream) throws IOException {
        try (InputStream in = stream.orElseThrow()) {
            return in.readAllBytes();
        }
    }
}
