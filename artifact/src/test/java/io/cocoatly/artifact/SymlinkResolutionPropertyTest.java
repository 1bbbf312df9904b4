package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.PackageId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The in-memory symlink resolver against the kernel: for random archives of directories and
 * symlinks, whatever extraction accepts must, when the operating system follows the links, stay
 * inside staging. Decoy directories with the same names sit above staging, so an escaping link
 * would resolve to something real outside and be caught.
 */
class SymlinkResolutionPropertyTest {


    record Link(String path, String target) {
    }

    @Property(tries = 300)
    void acceptedSymlinksNeverResolveOutsideStaging(@ForAll("links") List<Link> links) throws IOException {
        Path root = Files.createTempDirectory("symlink-property");
        try {
            for (String decoy : List.of("a", "b", "c", "a/a", "x/a", "x/b", "x/c")) {
                Files.createDirectories(root.resolve(decoy));
            }
            Path staging = Files.createDirectories(root.resolve("x/staging"));
            Map<String, String> before = FileSnapshot.of(root);
            TarBuilder tar = new TarBuilder().dir("a", 0755).dir("a/c", 0755).dir("b", 0755);
            for (Link l : links) {
                tar.symlink(l.path, l.target);
            }
            Path archive = tar.writeTo(root.resolve("p.tar.gz"));
            before.put("p.tar.gz", FileSnapshot.of(root).get("p.tar.gz"));

            boolean accepted;
            try {
                new ArchiveExtractor(ExtractionLimits.defaults()).extract(PackageId.of("p", "1.0.0"), archive, staging);
                accepted = true;
            } catch (ArchiveException e) {
                accepted = false;
                assertEquals(before, FileSnapshot.of(root), "a refused archive leaves everything as it was");
            }
            Statistics.label("accepted").collect(accepted);
            if (accepted) {
                Path real = staging.toRealPath();
                try (Stream<Path> walk = Files.walk(staging)) {
                    for (Path p : walk.filter(Files::isSymbolicLink).collect(Collectors.toList())) {
                        if (Files.exists(p)) {
                            assertTrue(p.toRealPath().startsWith(real), p + " -> " + Files.readSymbolicLink(p)
                                    + " resolves to " + p.toRealPath() + ", outside " + real);
                        }
                    }
                }
            }
        } finally {
            StagingFiles.deleteContents(root);
            Files.delete(root);
        }
        // Both outcomes must be common, or the property would hold vacuously.
        Statistics.label("accepted").coverage(c -> {
            c.check(true).count(n -> n >= 30);
            c.check(false).count(n -> n >= 30);
        });
    }

    @Provide
    Arbitrary<List<Link>> links() {
        Arbitrary<String> dir = Arbitraries.of("", "a/", "b/", "a/c/");
        Arbitrary<String> name = Arbitraries.of("s1", "s2", "s3");
        // Weighted toward `..` and links, the material of escapes through other links.
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("..")),
                Tuple.of(3, Arbitraries.of("s1", "s2", "s3")), Tuple.of(2, Arbitraries.of("a", "a/c")),
                Tuple.of(1, Arbitraries.of(".", "b", "c")));
        Arbitrary<String> target = token.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
        return Combinators.combine(dir, name, target).as((d, n, t) -> new Link(d + n, t)).list().ofMinSize(1)
                .ofMaxSize(4).uniqueElements(Link::path);
    }

}
