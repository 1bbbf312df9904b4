package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The installer contract through the JSON protocol: every operation runs {@link InstallerTool} in
 * a separate JVM on the test class path, as {@code installer.command} would.
 */
class ExternalInstallerTest extends InstallerContract {

    static List<String> toolCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), InstallerTool.class.getName());
    }

    @Override
    Installer installer(Home home, InstallSettings settings) {
        return new ExternalInstaller(toolCommand(), home, home, settings.installDir(), settings.lifecycle());
    }

    @Test
    void aReinstallCannotBeAskedOfTheProtocolSoItIsRefusedBeforeAnyRequest() {
        InstallRequest repair = request("c@1.0.0").withReinstall(new InstallRequest.Reinstall(true, Set.of()));

        CocoatlyException e = assertThrows(CocoatlyException.class, () -> installer.apply(repair, InstallListener.NONE));

        assertEquals("reinstall-unsupported", e.code());
        assertFalse(Files.exists(home.stateFile()));
    }
}
