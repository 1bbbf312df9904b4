package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InstallScope}'s file: written and read back, removed for the whole lockfile, refused when malformed. */
class InstallScopeTest {

    @TempDir
    Path dir;

    @Test
    void aScopeReadsBackAsWrittenAndTheWholeLockfileNeedsNoFile() {
        assertEquals(InstallScope.WHOLE, InstallScope.read(dir));
        InstallScope web = new InstallScope(Optional.of(List.of(PackageName.of("web"), PackageName.of("api"))), false);
        web.write(dir);
        assertEquals(web, InstallScope.read(dir));
        InstallScope production = new InstallScope(Optional.empty(), true);
        production.write(dir);
        assertEquals(production, InstallScope.read(dir));
        InstallScope.WHOLE.write(dir);
        assertFalse(Files.exists(dir.resolve(InstallScope.FILE_NAME)));
        InstallScope.WHOLE.write(dir); // nothing to remove: no error
    }

    @Test
    void aMalformedFileIsRefusedWithItsPathAndJsonPath() throws IOException {
        for (String[] bad : new String[][] {
            {"{\"members\": [\"Web!\"]}", "$.members[0]"},
            {"{\"production\": \"yes\"}", "$.production"},
            {"{\"member\": []}", "$"},
            {"[]", "$"}}) {
            Files.writeString(dir.resolve(InstallScope.FILE_NAME), bad[0]);
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> InstallScope.read(dir), bad[0]);
            assertEquals("invalid-install-scope", e.code(), bad[0]);
            assertEquals(bad[1], e.jsonPath(), bad[0]);
            assertTrue(e.getMessage().contains(InstallScope.FILE_NAME), e.getMessage());
        }
    }
}
