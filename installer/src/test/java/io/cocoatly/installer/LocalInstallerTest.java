package io.cocoatly.installer;

/** The installer contract, in process. */
class LocalInstallerTest extends InstallerContract {

    @Override
    Installer installer(Home home, InstallSettings settings) {
        return new LocalInstaller(home, settings);
    }
}
