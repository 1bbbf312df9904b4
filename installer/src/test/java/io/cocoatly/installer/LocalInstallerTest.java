package io.cocoatly.installer;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The installer contract, in process. */
class LocalInstallerTest extends InstallerContract {

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

    @Test
    void reinstallingTheDamagedRepairsChangedMissingAndExtraFilesAndNothingElse() throws IOException {
        installer.apply(request("a@1.2.0", "b@1.0.0", "c@1.0.0", "d@0.1.0"), InstallListener.NONE);
        Files.writeString(installed("c", "1.0.0").resolve("c.txt"), "tampered");
        Files.delete(installed("a", "1.2.0").resolve("README"));
        Files.writeString(installed("d", "0.1.0").resolve("stray.txt"), "extra");
        InstallRequest repair = request("a@1.2.0", "b@1.0.0", "c@1.0.0", "d@0.1.0")
                .withReinstall(new InstallRequest.Reinstall(true, Set.of()));
        byte[] stateBefore = Files.readAllBytes(home.stateFile());

        InstallPlan planned = installer.plan(repair);
        assertEquals(Map.of("a", "REINSTALL", "b", "KEEP", "c", "REINSTALL", "d", "REINSTALL"), actions(planned));
        assertArrayEquals(stateBefore, Files.readAllBytes(home.stateFile()), "planning changes nothing");
        assertEquals("tampered", Files.readString(installed("c", "1.0.0").resolve("c.txt")));

        InstallOutcome outcome = installer.apply(repair, InstallListener.NONE);

        assertEquals(Map.of("a", "REINSTALL", "b", "KEEP", "c", "REINSTALL", "d", "REINSTALL"), actions(outcome.plan()));
        assertEquals("c 1.0.0\n", Files.readString(installed("c", "1.0.0").resolve("c.txt")));
        assertEquals("a\n", Files.readString(installed("a", "1.2.0").resolve("README")));
        assertFalse(Files.exists(installed("d", "0.1.0").resolve("stray.txt")));
        assertTrue(installer.verify(List.of()).ok());
        assertEquals(List.of(), stagingLeftovers());
        assertTrue(installer.apply(repair, InstallListener.NONE).plan().isNoOp(), "nothing left to repair");
    }

    @Test
    void reinstallingByNameUnpacksThatPackageAgainEvenWhenIntact() {
        installer.apply(request("b@1.0.0", "c@1.0.0"), InstallListener.NONE);

        InstallOutcome outcome = installer.apply(request("b@1.0.0", "c@1.0.0")
                .withReinstall(new InstallRequest.Reinstall(false, Set.of(PackageName.of("c")))), InstallListener.NONE);

        assertEquals(Map.of("b", "KEEP", "c", "REINSTALL"), actions(outcome.plan()));
        assertTrue(installer.verify(List.of()).ok());
    }

    private static Map<String, String> actions(InstallPlan plan) {
        Map<String, String> actions = new TreeMap<>();
        plan.packages().forEach(p -> actions.put(p.id().name().value(), p.action().name()));
        return actions;
    }

    @Override
    Installer installer(Home home, InstallSettings settings) {
        return new LocalInstaller(home, settings);
    }
}
