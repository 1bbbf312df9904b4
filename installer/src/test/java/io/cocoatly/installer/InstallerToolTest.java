package io.cocoatly.installer;

import io.cocoatly.testkit.TestData;
import io.cocoatly.testkit.TestRegistry;

import io.cocoatly.config.Home;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockfileWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON tools in process with injected streams, and once through the real {@code bin/} script. */
class InstallerToolTest {

    @TempDir
    Path dir;

    private TestRegistry registry;
    private Home home;

    @BeforeEach
    void setUp() throws IOException {
        registry = new TestRegistry(dir.resolve("registry"), TestRegistry.newKey(dir.resolve("keys")));
        registry.add("c", "1.0.0");
        registry.add("b", "1.0.0", "c@1.0.0");
        home = new Home(dir.resolve("home")).create();
        Files.writeString(home.configFile(), "{\"security\": {\"trusted_keys\": [\"" + registry.key().publicKey().base64()
                + "\"]}}");
    }

    private record Run(int exit, String out) {
    }

    private Run run(String tool, String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = InstallerTool.run(tool, new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(Home.ENV,
                        home.root().toString()), dir);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private String lockfileJson(String... ids) {
        return new String(LockfileWriter.toBytes(registry.lockfile(ids)), StandardCharsets.UTF_8);
    }

    @Test
    void installThenStateThenVerifyThenUninstall() {
        Run install = run("install", "{\"registry\": \"" + registry.root().toUri() + "\", \"lockfile\": "
                + lockfileJson("b@1.0.0", "c@1.0.0") + "}");
        assertEquals(0, install.exit(), install.out());
        assertTrue(install.out().contains("\"success\" : true") || install.out().contains("\"success\": true"), install.out());
        assertTrue(install.out().contains("+ b 1.0.0"), install.out());

        Run state = run("state", "{\"packages\": [\"c\"]}");
        assertEquals(0, state.exit());
        assertTrue(state.out().contains("\"name\" : \"c\"") || state.out().contains("\"name\": \"c\""), state.out());
        assertTrue(!state.out().contains("\"b\""), state.out());

        Run verify = run("verify", "{}");
        assertEquals(0, verify.exit());
        assertTrue(verify.out().replace(" ", "").contains("\"ok\":true"), verify.out());

        Run refused = run("uninstall", "{\"packages\": [\"c\"]}");
        assertEquals(1, refused.exit());
        assertTrue(refused.out().replace(" ", "").contains("\"code\":\"has-dependents\""), refused.out());
        assertTrue(refused.out().replace(" ", "").contains("\"success\":false"), refused.out());

        Run forced = run("uninstall", "{\"packages\": [\"c\"], \"force\": true}");
        assertEquals(0, forced.exit(), forced.out());
    }

    @Test
    void aMalformedRequestIsExitTwoWithTheJsonPath() {
        Run r = run("uninstall", "{\"packages\": [\"c\"], \"forse\": true}");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("unknown key `forse`"), r.out());
        assertEquals(2, run("install", "not json").exit());
        assertEquals(2, run("frobnicate", "{}").exit());
    }

    @Test
    void anEmptyOrNulPathIsRefusedBeforeAnythingIsTouched() throws IOException {
        Path cwdLock = Path.of("cocoatly.lock").toAbsolutePath();
        for (String key : List.of("home", "install_dir", "config_home")) {
            for (String value : List.of("", "a\\u0000b")) {
                Run r = run("uninstall", "{\"" + key + "\": \"" + value + "\", \"packages\": [\"c\"]}");
                assertEquals(2, r.exit(), key + "=" + value + ": " + r.out());
                assertTrue(r.out().replace(" ", "").contains("\"code\":\"invalid-request\""), r.out());
                assertTrue(r.out().contains("$." + key), r.out());
            }
        }
        assertEquals(0, run("verify", "{}").exit());
        assertFalse(Files.exists(cwdLock), "nothing was created in the working directory");
    }

    @Test
    void theRealScriptSpeaksTheProtocol() throws Exception {
        Path script = TestData.path("bin/cocoatly-state");
        ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("COCOATLY_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put(Home.ENV, home.root().toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        p.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("{\"success\":true,\"data\":{\"state\":1,\"packages\":[]},\"error\":null}",
                out.replaceAll("\\s", ""));
    }

    @Test
    void aRequestLargerThanTheCapIsRefusedAfterReadingOnlyTheCap() {
        // 1 GiB of JSON whitespace, generated as it is read: never held anywhere.
        long[] served = {0};
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                served[0]++;
                return served[0] > (1L << 30) ? -1 : ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served[0] >= (1L << 30)) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                served[0] += len;
                return len;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = InstallerTool.run("install", endless, out, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), Map.of(Home.ENV, home.root().toString()), dir);

        String envelope = out.toString(StandardCharsets.UTF_8).replace(" ", "");
        assertEquals(2, exit, envelope);
        assertTrue(envelope.contains("\"code\":\"invalid-request\""), envelope);
        assertTrue(envelope.contains("thisrequestonstdinislargerthan16MiB(16777216bytes)".replace("this", "the")), envelope);
        assertTrue(served[0] <= InstallerTool.MAX_REQUEST_BYTES + 64 * 1024, "read " + served[0] + " bytes");
    }

    @Test
    void runningOutOfMemoryStillAnswersWithAnEnvelope() throws Exception {
        // Just under the cap, but a JSON tree of millions of nodes: more than a 48 MiB heap holds.
        Path request = dir.resolve("request.json");
        try (var w = Files.newBufferedWriter(request)) {
            w.write("{\"lockfile\": [0");
            for (int i = 0; i < 7_000_000; i++) {
                w.write(",0");
            }
            w.write("]}");
        }
        assertTrue(Files.size(request) < InstallerTool.MAX_REQUEST_BYTES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                InstallerTool.class.getName(), "install").redirectInput(request.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(Home.ENV, home.root().toString());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        String envelope = new String(stdout, StandardCharsets.UTF_8).replace(" ", "");
        assertEquals(1, p.exitValue(), envelope);
        assertTrue(envelope.contains("\"success\":false"), envelope);
        assertTrue(envelope.contains("\"code\":\"out-of-memory\""), envelope);
        assertTrue(envelope.contains("Javaheap'slimitis"), envelope);
    }
}
