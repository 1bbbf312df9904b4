package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    @Test
    void versionNamesTheBuild() {
        CliRunner.Result r = CliRunner.in(dir).run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("cocoatly 0.1.0"), r.out());
    }

    @Test
    void versionBeforePicocliAndThroughItSayTheSame() {
        // `--version` and `-V` alone are answered before picocli; with another option picocli answers.
        String version = CliRunner.in(dir).run("--version").out();
        for (String[] args : new String[][] {{"-V"}, {"-q", "--version"}, {"--version", "--no-plugins"}}) {
            CliRunner.Result r = CliRunner.in(dir).run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertEquals(version, r.out(), String.join(" ", args));
            assertEquals("", r.err(), String.join(" ", args));
        }
        assertEquals(2, version.lines().count(), version);
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRunner.Result r = CliRunner.in(dir).run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: cocoatly"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 ok"), r.out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithAHint() {
        CliRunner.Result r = CliRunner.in(dir).run("frobnicate");
        assertEquals(2, r.exitCode());
        assertEquals("error: unknown command 'frobnicate'\nhint: run `cocoatly --help` for the commands\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void usageErrorsUseTheEnvelopeWithJson() throws Exception {
        CliRunner.Result r = CliRunner.in(dir).run("--json", "frobnicate");
        assertEquals(2, r.exitCode());
        JsonNode envelope = Json.mapper().readTree(r.out());
        assertEquals(false, envelope.get("success").asBoolean());
        assertTrue(envelope.get("data").isNull());
        assertEquals("usage", envelope.get("error").get("code").asText());
        assertEquals("", r.err());
    }
}
