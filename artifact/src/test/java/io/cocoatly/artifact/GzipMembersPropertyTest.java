package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A tar split into gzip members at any points extracts exactly as the same tar in one member: the
 * members are one stream (RFC 1952 section 2.2), wherever a compressor chose to cut it.
 */
class GzipMembersPropertyTest {

    private static final PackageId ID = PackageId.of("p", "1.0.0");
    private static final byte[] TAR = new TarBuilder().file("a", "alpha").file("b/" + "n".repeat(120), "beta")
            .withPax("c", "gamma", Map.of("comment", "pax")).file("d", new byte[3000], 0755).tar();

    @Property(tries = 60)
    void anySplitExtractsLikeOneMember(@ForAll("cuts") List<Integer> cuts) throws IOException {
        int[] sorted = new TreeSet<>(cuts).stream().mapToInt(Integer::intValue).toArray();

        assertEquals(extract(TarBuilder.gzip(TAR)), extract(TarBuilder.gzipMembers(TAR, sorted)));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, TAR.length - 1).list().ofMinSize(1).ofMaxSize(6);
    }

    private static ExtractedPackage extract(byte[] archive) throws IOException {
        Path dir = Files.createTempDirectory("gzip-members");
        try {
            Path file = Files.write(dir.resolve("p.tar.gz"), archive);
            Path staging = Files.createDirectory(dir.resolve("staging"));
            return new ArchiveExtractor(ExtractionLimits.defaults()).extract(ID, file, staging);
        } finally {
            StagingFiles.deleteContents(dir);
            Files.delete(dir);
        }
    }
}
