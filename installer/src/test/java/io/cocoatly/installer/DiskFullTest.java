package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.testkit.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk while unpacking is an install failure that names the package, the path and "No space
 * left on device", with nothing changed; not an internal error.
 *
 * <p>The disk is real: {@code storage.install_dir} is a small tmpfs mounted for each case, its size
 * (in blocks and in inodes) chosen so that space runs out at a different point of the install each
 * time (creating staging, a directory, a file's first or a later write). Mounting needs root (as in
 * CI); elsewhere the test is skipped with a message. The way the JDK reports each of those points
 * without a real disk is covered by {@link IoFailuresTest}.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private Home home;
    private Path installDir;

    @BeforeEach
    void setUp() throws IOException {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("small", "1.0.0");
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder block = new StringBuilder();
        for (int i = 0; block.length() < 16 * 1024; i++) {
            block.append(i).append(' ');
        }
        for (int i = 0; i < 24; i++) {
            files.put("share/part" + (i % 4) + "/file" + i + ".txt", block.toString());
        }
        registry.add("big", "1.0.0", files);
        home = new Home(dir.resolve("home")).create();
        installDir = dir.resolve("install");
        Files.createDirectories(installDir);
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}, \"network\": {\"retries\": 0}, \"storage\": {\"install_dir\": \"" + installDir + "\"}}");
    }

    @Test
    void runningOutOfSpaceAnywhereWhileUnpackingIsAnInstallFailureAndChangesNothing() throws Exception {
        Assumptions.assumeTrue(mount("size=4k"), "skipped: cannot mount a tmpfs here (needs root, as in CI)");
        umount();
        // Blocks (4 KiB pages) and inodes: each runs out at another point of the unpacking.
        List<String> options = List.of("size=4k", "size=12k", "size=32k", "size=64k", "size=128k", "size=256k",
                "size=384k", "nr_inodes=2", "nr_inodes=3", "nr_inodes=5", "nr_inodes=8", "nr_inodes=12");
        List<String> failures = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (String option : options) {
            assertTrue(mount(option), option);
            try {
                LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));
                // The smallest disks are full before the small package fits: that is a case too.
                String[] wanted = {"small@1.0.0", "big@1.0.0"};
                String failing = "big@1.0.0";
                List<String> kept = List.of("small");
                try {
                    installer.apply(request("small@1.0.0"), InstallListener.NONE);
                } catch (CocoatlyException e) {
                    wanted = new String[] {"small@1.0.0"};
                    failing = "small@1.0.0";
                    kept = List.of();
                }
                byte[] before = Files.exists(home.stateFile()) ? Files.readAllBytes(home.stateFile()) : null;
                String[] request = wanted;

                CocoatlyException e = assertThrows(CocoatlyException.class,
                        () -> installer.apply(request(request), InstallListener.NONE), option);

                String what = option + ": " + e.code() + ": " + e.getMessage();
                if (e.kind() != ErrorKind.FAILED || !e.code().equals("install-failed") || !e.getMessage().contains("`" + failing + "`")
                        || !e.getMessage().contains("No space left on device") || !e.getMessage().contains(installDir.toString())) {
                    failures.add(what);
                }
                if (before == null) {
                    assertFalse(Files.exists(home.stateFile()), what);
                } else {
                    assertArrayEquals(before, Files.readAllBytes(home.stateFile()), what);
                }
                assertEquals(kept, list(installDir), what);
                assertTrue(installer.verify(List.of()).ok(), what);
                outcomes.add(option + " -> " + e.getMessage().replaceAll("-[0-9a-f]{8}/", "-*/").replace(installDir.toString(), "D"));
            } catch (IOException | RuntimeException | Error e) {
                failures.add(option + ": " + e);
            } finally {
                umount();
                Files.deleteIfExists(home.stateFile());
            }
        }
        assertEquals(List.of(), failures);
        // Space ran out at several different points, not always at the same one.
        assertTrue(outcomes.stream().map(o -> o.substring(o.indexOf("->"))).distinct().count() >= 4, String.join("\n", outcomes));
    }

    @Test
    void aHomeWhoseDiskIsFullFailsWithTheReasonWhereverItRunsOut() throws Exception {
        // The whole home on the small disk: the cache, staging, the packages and state.json.
        Path small = dir.resolve("small-home");
        Files.createDirectories(small);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4k", "cocoatly-test", small.toString()) == 0,
                "skipped: cannot mount a tmpfs here (needs root, as in CI)");
        run("umount", small.toString());
        List<String> failures = new ArrayList<>();
        for (String option : List.of("size=8k", "size=16k", "size=64k", "size=256k", "nr_inodes=4", "nr_inodes=6",
                "nr_inodes=9", "nr_inodes=12", "nr_inodes=16")) {
            assertTrue(run("mount", "-t", "tmpfs", "-o", option, "cocoatly-test", small.toString()) == 0, option);
            try {
                Home h = new Home(small);
                Files.writeString(h.configFile(), "{\"security\": {\"trusted_keys\": [\""
                        + registry.key().publicKey().base64() + "\"]}, \"network\": {\"retries\": 0}}");
                try {
                    LocalInstaller installer = new LocalInstaller(h, InstallSettings.from(ConfigReader.read(h)));
                    installer.apply(request("small@1.0.0", "big@1.0.0"), InstallListener.NONE);
                    failures.add(option + ": installed on a disk too small for it");
                } catch (CocoatlyException e) {
                    if (e.kind() != ErrorKind.FAILED
                            || !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("no space left on device")
                            || !e.getMessage().contains(small.toString())) {
                        failures.add(option + ": " + e.kind() + " " + e.code() + ": " + e.getMessage());
                    }
                    if (Files.exists(h.stateFile())) {
                        failures.add(option + ": state.json written by a failed install");
                    }
                    if (Files.exists(h.packagesDir()) && !list(h.packagesDir()).isEmpty()) {
                        failures.add(option + ": left in packages/: " + list(h.packagesDir()));
                    }
                }
            } catch (RuntimeException | Error e) {
                failures.add(option + ": " + e);
            } finally {
                run("umount", small.toString());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aFullDiskOnAFirstInstallLeavesNoStateAndNoStaging() throws Exception {
        Assumptions.assumeTrue(mount("size=64k"), "skipped: cannot mount a tmpfs here (needs root, as in CI)");
        try {
            LocalInstaller installer = new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)));

            CocoatlyException e = assertThrows(CocoatlyException.class,
                    () -> installer.apply(request("big@1.0.0"), InstallListener.NONE));

            assertEquals(ErrorKind.FAILED, e.kind());
            assertTrue(e.getMessage().startsWith("cannot unpack `big@1.0.0` into `" + installDir + "/.cocoatly-stage-big-1.0.0-"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("`: No space left on device"), e.getMessage());
            assertEquals(List.of("free some space on the file system of `" + installDir + "` (`storage.install_dir`) and run"
                    + " the command again", "nothing was changed"), e.hints());
            assertEquals(Optional.empty(), Optional.of(home.stateFile()).filter(Files::exists));
            assertEquals(List.of(), list(installDir));
        } finally {
            umount();
        }
    }

    private InstallRequest request(String... ids) {
        return new InstallRequest(registry.lockfile(ids), Optional.of(registry.root().toUri()));
    }

    // What a failed install left behind: everything but the marker that says the directory is Cocoatly's.
    private static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(HomeRecovery.INSTALL_DIR_MARKER))
                    .sorted().toList();
        }
    }

    private boolean mount(String option) throws Exception {
        return run("mount", "-t", "tmpfs", "-o", option, "cocoatly-test", installDir.toString()) == 0;
    }

    private void umount() throws Exception {
        run("umount", installDir.toString());
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        }
    }
}
