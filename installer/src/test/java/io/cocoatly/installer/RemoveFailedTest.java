package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import io.cocoatly.testkit.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remove-failed} says why a file could not be removed, not only which. A user is refused
 * by the directory's permissions ({@code permission denied}, which the JDK reports with the path
 * alone); root, who ignores permissions, is refused by the immutable attribute ({@code chattr +i}).
 */
class RemoveFailedTest {

    @TempDir
    Path dir;

    @Test
    void anUndeletableFileIsReportedWithTheReason() throws Exception {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("c", "1.0.0");
        Home home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        installer.apply(new InstallRequest(registry.lockfile("c@1.0.0"), Optional.of(registry.root().toUri())),
                InstallListener.NONE);
        Path lib = home.packagesDir().resolve("c/1.0.0/lib");
        boolean root = "root".equals(System.getProperty("user.name"));
        String reason;
        if (root) {
            Assumptions.assumeTrue(run("chattr", "+i", lib.toString()) == 0, "skipped: `chattr +i` is not available here");
            reason = "Operation not permitted";
        } else {
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r-xr-xr-x"));
            reason = "permission denied";
        }
        try {
            CocoatlyException e = assertThrows(CocoatlyException.class,
                    () -> installer.uninstall(List.of(PackageName.of("c")), false, InstallListener.NONE));

            assertEquals("remove-failed", e.code());
            assertTrue(e.getMessage().startsWith("cannot remove the files of `c@1.0.0`: `" + lib.resolve("c.so") + "`: "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(": " + reason), e.getMessage());
        } finally {
            if (root) {
                run("chattr", "-i", lib.toString());
            } else {
                Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
