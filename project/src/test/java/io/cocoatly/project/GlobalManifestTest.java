package io.cocoatly.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home's {@code global.json}: written canonically, read back, readable like any new file. */
class GlobalManifestTest {

    @TempDir
    Path home;

    @Test
    void writtenGlobalManifestReadsBackAndIsReadableLikeAnyNewFile() throws IOException {
        assumeTrue(Files.getFileAttributeView(home, PosixFileAttributeView.class) != null);
        Manifest manifest = GlobalManifest.with(GlobalManifest.read(home), Dependency.parse("ring", "^0.17"));

        GlobalManifest.write(home, manifest, Optional.empty());

        assertEquals(manifest, GlobalManifest.read(home));
        assertEquals(Files.getPosixFilePermissions(Files.createFile(home.resolve("plain"))),
                Files.getPosixFilePermissions(home.resolve(GlobalManifest.FILE_NAME)));
    }
}
