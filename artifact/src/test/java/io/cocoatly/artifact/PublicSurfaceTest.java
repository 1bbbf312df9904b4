package io.cocoatly.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's public types are a deliberate list: what the installer, {@code cocoatly publish} and
 * a registry server use. A new public type, or a helper made public to compile, fails here first.
 */
class PublicSurfaceTest {

    private static final Set<String> API = Set.of(
            "ArchiveException", "ArchiveExtractor", "ArchivePacker", "ArchiveRule", "ArtifactVerifier", "Checksums",
            "DigestAlgorithm", "DigestSink", "Ed25519Keys", "Ed25519Keys$GeneratedKey", "Ed25519PublicKey",
            "Ed25519SigningKey", "ExtractedFile", "ExtractedFile$Kind", "ExtractedPackage", "ExtractionLimits",
            "KeyException", "Signatures", "StagingFiles", "TrustedKeys", "VerificationException",
            "VerificationPolicy");

    @Test
    void publicTypesAreTheApi() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> found = new TreeSet<>();
        for (Class<?> c : classes()) {
            if (Modifier.isPublic(c.getModifiers())) {
                found.add(c.getName().substring(c.getPackageName().length() + 1));
            }
        }
        assertEquals(new TreeSet<>(API), found);
    }

    @Test
    void stagingFilesSharesOnlyItsTreeDeletion() {
        List<String> shared = Arrays.stream(StagingFiles.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).toList();
        assertEquals(List.of("deleteContents"), shared);
    }

    private static List<Class<?>> classes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(ArchiveExtractor.class.getResource("ArchiveExtractor.class").toURI()).getParent();
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toList());
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            out.add(Class.forName(ArchiveExtractor.class.getPackageName() + "." + n));
        }
        return out;
    }
}
