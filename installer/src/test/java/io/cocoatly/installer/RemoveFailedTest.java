package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code remove-failed} says why a file could not be removed, not only which: a directory without
 * write permission makes the JDK throw an {@code AccessDeniedException} whose message is the path
 * alone. A user meets it as is; root ignores permissions, so as root the uninstall runs in a second
 * JVM started by {@code setpriv} without the capabilities that override them (skipped if
 * {@code setpriv} is missing).
 */
class RemoveFailedTest {

    @TempDir
    Path dir;

    @Test
    void aFileInAReadOnlyDirectoryIsReportedWithPermissionDenied() throws Exception {
        TestRegistry registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("c", "1.0.0");
        Home home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
        LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
        installer.apply(new InstallRequest(registry.lockfile("c@1.0.0"), Optional.of(registry.root().toUri())),
                InstallListener.NONE);
        Path lib = home.packagesDir().resolve("c/1.0.0/lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            String code;
            String message;
            if ("root".equals(System.getProperty("user.name"))) {
                List<String> lines = uninstallWithoutOverridingPermissions(home);
                code = lines.get(0);
                message = lines.size() > 1 ? lines.get(1) : "";
            } else {
                try {
                    installer.uninstall(List.of(PackageName.of("c")), false, InstallListener.NONE);
                    code = "ok";
                    message = "";
                } catch (CocoatlyException e) {
                    code = e.code();
                    message = e.getMessage();
                }
            }

            assertEquals("remove-failed", code, message);
            assertEquals("cannot remove the files of `c@1.0.0`: `" + lib.resolve("c.so") + "`: permission denied", message);
        } finally {
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private List<String> uninstallWithoutOverridingPermissions(Home home) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p;
        try {
            p = new ProcessBuilder("setpriv", "--bounding-set", "-dac_override,-dac_read_search", java, "-cp",
                    System.getProperty("java.class.path"), UninstallMain.class.getName(), home.root().toString(), "c")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            Assumptions.abort("skipped: running as root and `setpriv` is not available to drop CAP_DAC_OVERRIDE");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Assumptions.assumeTrue(p.exitValue() == 0 && !out.isEmpty(), "skipped: `setpriv` could not run the uninstall: " + out);
        return out.lines().toList();
    }
}
