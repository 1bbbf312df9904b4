package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.StaticHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cli over an http registry: the cache (a warm command sends nothing, {@code --refresh} only
 * revalidates, {@code --offline} works with the server gone and names what is missing), and private
 * registries ({@code login}, {@code logout}, {@code $COCOATLY_REGISTRY_TOKEN}, an install whose
 * artifacts need the token). Every output of every command here is kept and searched for the token.
 * What a user reads is pinned in golden transcripts, with the server's URL masked.
 */
class HttpRegistryCommandsTest {

    private static final String TOKEN = "cocoatly_Sup3r-s3cret-t0ken";

    @TempDir
    Path dir;

    private SampleProject sample;
    private StaticHost server;
    private final StringBuilder transcript = new StringBuilder();
    private final StringBuilder everything = new StringBuilder();

    @BeforeEach
    void start() throws IOException {
        sample = SampleProject.in(dir);
        server = StaticHost.of(sample.registry());
    }

    @AfterEach
    void stop() {
        server.close();
        assertFalse(everything.toString().contains(TOKEN), "the token appeared in an output");
    }

    /** Runs {@code cocoatly args} with {@code --registry URL} and {@code env}, recording the transcript. */
    private CliRunner.Result run(Map<String, String> env, String stdin, String... args) {
        Map<String, String> all = new HashMap<>(Map.of("COLUMNS", "100", "COCOATLY_HOME", dir.resolve("home").toString(),
                "HOME", dir.toString()));
        all.putAll(env);
        List<String> argv = Stream.concat(Stream.of(args), Stream.of("--registry", server.uri().toString()))
                .collect(Collectors.toList());
        CliRunner.Result r = new CliRunner(sample.project(), all).runWithInput(stdin, argv.toArray(String[]::new));
        everything.append(r.out()).append(r.err());
        transcript.append("$ cocoatly ").append(String.join(" ", args)).append("\nexit: ").append(r.exitCode()).append('\n')
                .append(r.maskedOut()).append(r.err());
        return r;
    }

    private CliRunner.Result run(String... args) {
        return run(Map.of(), "", args);
    }

    private String masked() {
        return transcript.toString().replace(server.uri().toString(), "<URL>/").replace(dir.toString(), "<ROOT>");
    }

    @Test
    void aWarmCommandWithinMaxAgeSendsNothingAndRefreshOnlyRevalidates() {
        server.cacheControl("public, max-age=600");
        assertEquals(0, run("resolve").exitCode());
        int cold = server.requests();

        assertEquals(0, run("resolve").exitCode());
        assertEquals(cold, server.requests(), "a warm resolve within max-age sent: " + server.log());

        server.resetCounts();
        assertEquals(0, run("resolve", "--refresh").exitCode());
        assertEquals(List.of(), server.log().stream().filter(l -> !l.endsWith(" 304")).toList());
        assertEquals(cold, server.requests() - cold, "each file revalidated once");
    }

    @Test
    void outdatedAndUpdateSeeAVersionPublishedWithinMaxAge() throws IOException {
        server.cacheControl("public, max-age=600");
        assertEquals(0, run("lock").exitCode());
        Path index = sample.registry().resolve("index/log.json");
        String text = Files.readString(index);
        int at = text.lastIndexOf('{', text.indexOf("\"version\": \"0.4.2\""));
        int end = text.lastIndexOf('{', text.indexOf("\"version\": \"0.5.0\""));
        Files.writeString(index, text.substring(0, end) + text.substring(at, end).replace("0.4.2", "0.4.3") + text.substring(end));

        assertFalse(run("resolve").out().contains("0.4.3"), "a resolve within max-age reads the cache");
        server.resetCounts();
        CliRunner.Result outdated = run("outdated");
        CliRunner.Result update = run("update", "log", "--dry-run");

        assertTrue(outdated.out().lines().anyMatch(l -> l.matches("log +0\\.4\\.2 +0\\.4\\.3 .*")), outdated.out());
        assertTrue(update.out().contains("0.4.3"), update.out() + update.err());
        assertTrue(server.log().stream().anyMatch(l -> l.contains("/index/log.json") && l.endsWith(" 200")), server.log().toString());
    }

    @Test
    void offlineWorksWithTheServerGoneAndNamesAPackageTheCacheLacks() throws IOException {
        assertEquals(0, run("resolve").exitCode());
        String online = transcript.toString();
        server.close();

        CliRunner.Result offline = run("resolve", "--offline");
        assertEquals(0, offline.exitCode(), offline.err());
        assertTrue(online.contains(offline.maskedOut()), "the same selection offline");

        Path manifest = sample.project().resolve("cocoatly.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"db\": \"^0.8\"", "\"db\": \"^0.8\", \"regex\": \"^1.0\""));
        transcript.setLength(0);
        run("resolve", "--offline");
        run(Map.of("COCOATLY_NETWORK_OFFLINE", "true"), "", "lock");
        GoldenFile.assertMatches("http/offline-missing", masked());
    }

    @Test
    void aPrivateRegistryWithLoginLogoutTheVariableAndAnInstall() throws IOException {
        server.requireToken(TOKEN);

        run("resolve");
        run(Map.of(), "", "login", "--token", "cocoatly_typed-on-the-command-line");
        run(Map.of(), "", "login");
        run(Map.of(), TOKEN + "\n", "login");
        Path credentials = dir.resolve("home/credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertEquals(0, run("resolve").exitCode());
        assertEquals(0, run("install").exitCode(), "artifacts downloaded with the token after a 401");
        assertTrue(server.log().stream().filter(l -> l.contains("/artifacts/")).anyMatch(l -> l.endsWith(" 200 token")));
        run(Map.of("COCOATLY_REGISTRY_TOKEN", "cocoatly_not-the-one"), "", "resolve", "--refresh");
        run("logout");
        run("logout");
        run("resolve", "--refresh");

        // Downloads and unpacking run concurrently: their lines come in any order, so they are left out.
        GoldenFile.assertMatches("http/private-registry", masked().replaceAll("(?m)^(downloaded|unpacked) .*\\n", ""));
        assertFalse(Files.readString(credentials).contains(TOKEN), "logout removed it");
    }

    @Test
    void verboseErrorsAndJsonEnvelopesNeverHoldTheToken() {
        server.requireToken(TOKEN).refuseToken(TOKEN);
        Map<String, String> env = Map.of("COCOATLY_REGISTRY_TOKEN", TOKEN);

        CliRunner.Result verbose = run(env, "", "--verbose", "resolve");
        CliRunner.Result json = run(env, "", "lock", "--json");

        assertEquals(4, verbose.exitCode());
        assertTrue(verbose.err().contains("registry-forbidden") || verbose.err().contains("HTTP 403"), verbose.err());
        assertTrue(verbose.err().contains("\tat "), "a stack trace was printed: " + verbose.err());
        assertTrue(json.out().contains("\"registry-forbidden\""), json.out());
        // stop() checks every output for the token.
    }

    @Test
    void aTokenInConfigJsonIsIgnoredWithAWarning() throws IOException {
        Files.writeString(dir.resolve("home/config.json"), Files.readString(dir.resolve("home/config.json"))
                .replaceFirst("\\{", "{\"registry\": {\"token\": \"" + TOKEN + "\"}, "));

        assertEquals(0, run("resolve").exitCode());

        GoldenFile.assertMatches("http/token-in-config", masked());
    }
}
