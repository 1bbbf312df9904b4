package io.cocoatly.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry lock between real processes: other JVMs run {@link RegistryEditorMain}. */
class RegistryLockProcessTest {

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RegistryEditorMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        return p;
    }

    private static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void anotherProcessHoldingTheLockMakesAnEditorWaitThenGiveUp() throws Exception {
        RegistryEditor.init(dir, "t");
        Process holder = start("hold", dir.toString());
        assertEquals("locked", firstLine(holder));
        CocoatlyException e = assertThrows(CocoatlyException.class, () -> RegistryEditor.open(dir, Duration.ofMillis(300)));
        assertEquals("registry-locked", e.code());
        holder.getOutputStream().close();
        assertEquals(0, holder.waitFor());
        try (RegistryEditor editor = RegistryEditor.open(dir, Duration.ofSeconds(30))) {
            assertEquals("t", editor.name());
        }
    }

    @Test
    void twoProcessesPublishingAtOnceLoseNothing() throws Exception {
        RegistryEditor.init(dir, "t");
        int each = 15;
        Process other = start("add", dir.toString(), "bytes", "1", Integer.toString(each));
        for (int i = 0; i < each; i++) {
            try (RegistryEditor editor = RegistryEditor.open(dir)) {
                editor.addRelease(new Release(PackageId.of("bytes", "2." + i + ".0"), List.of(), false, Optional.empty()));
            }
        }
        assertEquals("done", firstLine(other));
        assertEquals(0, other.waitFor());
        assertEquals(2 * each, FileRegistry.open(dir).find(PackageName.of("bytes")).orElseThrow().releases().size());
    }
}
