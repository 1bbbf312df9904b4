package io.cocoatly.registry;

import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer and the reader agree: a written listing reads back as the same model, rewriting what
 * was read gives the same bytes, and the order releases come in does not change the file.
 */
class IndexWriterPropertyTest {

    private static final Path REPO = Path.of(System.getProperty("cocoatly.repo", ".."));

    @Property(tries = 300)
    void writtenListingsReadBackUnchangedAndRewriteToTheSameBytes(@ForAll("listings") PackageListing listing,
            @ForAll long seed) {
        byte[] written = IndexWriter.index(listing);
        PackageListing read = parse(written, listing.name());
        assertEquals(listing, read);
        assertEquals(texts(listing), texts(read));
        assertArrayEquals(written, IndexWriter.index(read));

        List<Release> shuffled = new ArrayList<>(listing.releases());
        Collections.shuffle(shuffled, new Random(seed));
        assertArrayEquals(written, IndexWriter.index(new PackageListing(listing.name(), shuffled)));
    }

    /** The sample registry is kept in canonical form, so re-publishing it changes no byte. */
    @Property(tries = 1)
    void sampleIndexFilesAreCanonical() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("testdata/registry/index"))) {
            for (Path file : files.sorted().toList()) {
                String stem = file.getFileName().toString().replace(".json", "");
                byte[] bytes = Files.readAllBytes(file);
                assertArrayEquals(bytes, IndexWriter.index(parse(bytes, PackageName.of(stem))), file.toString());
            }
        }
    }

    private static PackageListing parse(byte[] bytes, PackageName name) {
        return IndexFile.readStrictly(StrictJson.parse(bytes, Path.of("index", name + ".json"), "test"), name);
    }

    private static List<String> texts(PackageListing listing) {
        return listing.releases().stream().map(r -> r.version().toString()).toList();
    }

    @Provide
    Arbitrary<PackageListing> listings() {
        Arbitrary<String> names = Arbitraries.of("a", "http", "zope.interface", "regex-syntax", "x_1", "0x");
        return names.flatMap(name -> release(name).list().ofMaxSize(6)
                .uniqueElements(Release::version)
                .map(releases -> new PackageListing(PackageName.of(name), releases)));
    }

    private Arbitrary<Release> release(String name) {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 12);
        Arbitrary<String> suffix = Arbitraries.of("", "", "-alpha", "-rc.1", "+linux", "-beta.2+001.sha-5114f85");
        Arbitrary<Version> versions = Combinators.combine(n, n, n, suffix)
                .as((a, b, c, s) -> Version.parse(a + "." + b + "." + c + s));
        Arbitrary<Dependency> dependency = Combinators.combine(
                Arbitraries.of("log", "tls", "serde", "a.b", name),
                Arbitraries.of("^1.2", "~0.4.40", ">=0.4, <0.6", ">=1.8 <3.0", "^0.4 || ^0.5", "*", "1.x"))
                .as(Dependency::parse);
        Arbitrary<List<Dependency>> deps = dependency.list().ofMaxSize(4).uniqueElements(Dependency::name);
        Arbitrary<Optional<Artifact>> artifact = Combinators.combine(
                Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(64),
                Arbitraries.of("k1", "ed25519:0123456789abcdef", "weird \"key\"").optional(),
                Arbitraries.of("artifacts/x.tar.gz", "https://example.org/a b?c=\"d\"", "file:///tmp/x"))
                .as((size, hex, key, url) -> Optional.of(new Artifact(url, size, Map.of("sha256", hex, "blake3", hex),
                        key.map(k -> new Artifact.Signature(k, java.util.Base64.getEncoder().encodeToString(
                                new byte[64]))))));
        Arbitrary<Optional<Artifact>> maybe = Arbitraries.oneOf(artifact, Arbitraries.just(Optional.empty()));
        return Combinators.combine(versions, deps, Arbitraries.of(true, false), maybe)
                .as((v, d, y, a) -> new Release(new PackageId(PackageName.of(name), v), d, y, a));
    }
}
