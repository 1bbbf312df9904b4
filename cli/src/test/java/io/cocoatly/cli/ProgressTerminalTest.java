package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.StaticHost;
import io.cocoatly.testkit.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/cocoatly install} in an 80-column tmux pane, downloading from a throttled
 * loopback registry: the progress line is drawn (tmux's raw log of the pane holds its frames, none
 * wider than 79 columns) and redrawn in place (the screen afterwards holds no piece of it, only the
 * changes and the summary). Then the same install with stderr redirected to a file writes plain
 * lines there, with no {@code \r} and no escape sequence. Skipped when tmux is not installed.
 */
class ProgressTerminalTest {

    private static final Path TMUX = Path.of("/usr/bin/tmux");
    private static final int PACKAGES = 5;
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    @TempDir
    Path dir;

    @Test
    void theProgressLineStaysOnOneLineAt80ColumnsAndAFileGetsPlainLines() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TMUX), "tmux is not installed at " + TMUX + ": skipped");
        InstallFixture fixture = InstallFixture.in(dir);
        Random random = new Random(13);
        StringBuilder dependencies = new StringBuilder("{");
        for (int i = 1; i <= PACKAGES; i++) {
            // Incompressible content, so each archive is about 120 KB on the wire.
            byte[] noise = new byte[90_000];
            random.nextBytes(noise);
            String name = "a-package-with-a-long-name-" + i;
            fixture.registry().add(name, "1.0." + i, Map.of("data.txt", HexFormat.of().formatHex(noise, 0, 45_000)
                    + java.util.Base64.getEncoder().encodeToString(noise)));
            dependencies.append(i > 1 ? ", " : "").append('"').append(name).append("\": \"^1.0\"");
        }
        Path project = fixture.project(dependencies.append('}').toString());
        Path plainProject = Files.createDirectories(dir.resolve("plain"));
        Files.copy(project.resolve("cocoatly.json"), plainProject.resolve("cocoatly.json"));
        Path plainHome = Files.createDirectories(dir.resolve("home2"));
        InstallFixture.trust(plainHome, fixture.registry().key().publicKey().base64());

        Path socket = dir.resolve("tmux.sock");
        try (StaticHost host = StaticHost.of(fixture.registryDir()).throttle(200_000)) {
            Path script = dir.resolve("run.sh");
            Files.writeString(script, String.join("\n",
                    "unset COLUMNS NO_COLOR FORCE_COLOR COCOATLY_REGISTRY",
                    "export COCOATLY_CLASSPATH=" + quote(System.getProperty("java.class.path")),
                    "export JAVA=" + quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                    "export HOME=" + quote(dir.toString()),
                    "cocoatly=" + quote(TestData.repo().resolve("bin/cocoatly").toString()),
                    "while [ ! -f " + quote(dir.resolve("go").toString()) + " ]; do sleep 0.05; done",
                    "cd " + quote(project.toString()),
                    "COCOATLY_HOME=" + quote(fixture.home().toString()) + " \"$cocoatly\" install --registry " + host.uri(),
                    "echo \"EXIT=$?\"",
                    "cd " + quote(plainProject.toString()),
                    "COCOATLY_HOME=" + quote(plainHome.toString()) + " \"$cocoatly\" install --registry " + host.uri()
                            + " 2> " + quote(dir.resolve("stderr.log").toString()),
                    "echo \"PLAIN=$?\"",
                    "sleep 600", ""));
            tmux(socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "50", "sh " + script);
            try {
                tmux(socket, "pipe-pane", "-t", "t", "-o", "cat > " + quote(dir.resolve("raw.log").toString()));
                Files.createFile(dir.resolve("go"));
                String screen = "";
                for (int i = 0; i < 1200 && !screen.contains("PLAIN="); i++) {
                    Thread.sleep(100);
                    screen = tmux(socket, "capture-pane", "-p", "-t", "t", "-S", "-", "-E", "-");
                }
                assertTrue(screen.contains("EXIT=0") && screen.contains("PLAIN=0"), screen);
                checkScreen(screen);
                checkFrames(Files.readString(dir.resolve("raw.log"), StandardCharsets.UTF_8));
                checkPlain(Files.readString(dir.resolve("stderr.log"), StandardCharsets.UTF_8));
            } finally {
                tmux(socket, "kill-server");
            }
        }
    }

    /** The screen holds the changes and the summary, and no piece of a progress line. */
    private static void checkScreen(String screen) {
        String first = screen.substring(0, screen.indexOf("EXIT=0"));
        assertTrue(first.contains("wrote cocoatly-lock.json\n"), first);
        for (int i = 1; i <= PACKAGES; i++) {
            assertTrue(first.contains("+ a-package-with-a-long-name-" + i + " 1.0." + i + "\n"), first);
        }
        assertTrue(first.contains("Installed " + PACKAGES + " packages (" + PACKAGES + " downloaded, "), first);
        for (String line : first.split("\n")) {
            assertFalse(line.matches(".*\\[\\d+/" + PACKAGES + "].*|.*unpacking.*|.*\\d+%.*"),
                    "a piece of the progress line was left on the screen: " + line + "\n" + first);
        }
    }

    /** The raw output held progress frames, each within 79 columns, and the diff in colour. */
    private static void checkFrames(String raw) {
        String first = raw.substring(0, raw.indexOf("EXIT=0"));
        List<String> frames = new ArrayList<>();
        for (String piece : first.split("\r")) {
            String text = ESCAPES.matcher(piece).replaceAll("");
            int end = text.indexOf('\n');
            String frame = (end < 0 ? text : text.substring(0, end)).stripTrailing();
            if (frame.startsWith("[")) {
                frames.add(frame);
            }
        }
        assertTrue(frames.size() >= 2, "the progress line was drawn and redrawn: " + frames + "\n" + raw);
        assertTrue(first.contains("\u001b[32m+\u001b[0m \u001b[1ma-package-with-a-long-name-1\u001b[0m 1.0.1"),
                "the diff is coloured on a terminal: " + first);
        assertTrue(frames.stream().anyMatch(f -> f.matches("\\[\\d/5] .*KiB/s.*")), "rate shown: " + frames);
        for (String frame : frames) {
            assertTrue(frame.length() <= 79, "wider than 79 columns: " + frame);
        }
    }

    /** Through a file, one plain line per event. */
    private static void checkPlain(String stderr) {
        assertFalse(stderr.contains("\r"), stderr);
        assertFalse(stderr.contains("\u001b"), stderr);
        assertTrue(stderr.startsWith("wrote cocoatly-lock.json\n"), stderr);
        for (int i = 1; i <= PACKAGES; i++) {
            assertTrue(stderr.contains("downloaded a-package-with-a-long-name-" + i + "@1.0." + i + " ("), stderr);
            assertTrue(stderr.contains("unpacked   a-package-with-a-long-name-" + i + "@1.0." + i + " (1 files)"), stderr);
        }
    }

    private static String tmux(Path socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TMUX.toString(), "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tmux " + args[0] + " did not return");
        if (!args[0].equals("kill-server")) {
            assertEquals(0, p.exitValue(), "tmux " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
