package io.cocoatly.installer;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The installer contract, in process, and the hooks (run only by the built-in installer). */
class LocalInstallerTest extends InstallerContract {

    private String withHook(String hook, String script) {
        return "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64() + "\"]},"
                + " \"hooks\": {\"" + hook + "\": [\"sh\", \"-c\", \"" + script + "\"]}}";
    }

    @Test
    void aFailingPreInstallHookRefusesTheInstallBeforeAnythingChanges() throws IOException {
        writeConfig(withHook("on_pre_install", "exit 3"));

        CocoatlyException e = assertThrows(CocoatlyException.class,
                () -> installer.apply(request("c@1.0.0"), InstallListener.NONE));

        assertEquals("hook-failed", e.code());
        assertEquals("hook `on_pre_install` (`sh`) exited with 3; nothing was changed", e.getMessage());
        assertFalse(Files.exists(home.stateFile()));
        assertEquals(0, server.requests());
    }

    @Test
    void postHooksSeeThePackagesAndTheirFailureIsReportedNotThrown() throws IOException {
        Path log = dir.resolve("hook.log");
        writeConfig(withHook("on_post_install", "echo $COCOATLY_HOOK $COCOATLY_PACKAGES >> " + log + "; exit 1"));
        List<String> failures = new ArrayList<>();

        installer.apply(request("b@1.0.0", "c@1.0.0"), new InstallListener() {
            @Override
            public void hookFailed(String problem) {
                failures.add(problem);
            }
        });

        assertEquals("on_post_install b@1.0.0 c@1.0.0\n", Files.readString(log));
        assertEquals(List.of("hook `on_post_install` (`sh`) exited with 1"), failures);
        assertEquals(2, installer.state().packages().size());
    }

    @Test
    void afterARecoveryPackagesWhoseFilesDifferAreReinstalledNotKept() throws IOException {
        installer.apply(request("c@1.0.0"), InstallListener.NONE);
        Files.writeString(installed("c", "1.0.0").resolve("c.txt"), "damaged");
        // Without a leftover nothing is checked: a no-op stays cheap.
        assertEquals(PlannedPackage.Action.KEEP, installer.apply(request("c@1.0.0"), InstallListener.NONE).plan()
                .packages().get(0).action());
        Files.createDirectories(home.packagesDir().resolve(".cocoatly-stage-c-1.0.0-0123abcd"));

        InstallOutcome outcome = installer.apply(request("c@1.0.0"), InstallListener.NONE);

        assertEquals(1, outcome.recovery().removed().size());
        assertEquals(PlannedPackage.Action.REINSTALL, outcome.plan().packages().get(0).action());
        assertEquals("c 1.0.0\n", Files.readString(installed("c", "1.0.0").resolve("c.txt")));
        assertEquals(true, installer.verify(List.of()).ok());
    }

    @Override
    Installer installer(Home home, InstallSettings settings) {
        return new LocalInstaller(home, settings);
    }
}
