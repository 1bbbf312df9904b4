package io.cocoatly.installer;

import io.cocoatly.config.Home;
import java.nio.file.Path;
import java.util.List;

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
        return new ExternalInstaller(toolCommand(), home, home, settings.installDir());
    }
}
