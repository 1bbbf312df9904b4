package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every project command finds {@code cocoatly.json} in the working directory or the nearest parent,
 * as cargo and npm do: run in {@code app/src/deep}, it acts on {@code app}.
 */
class ProjectDiscoveryTest {

    @TempDir
    Path temp;

    private SampleProject sample;
    private Path deep;
    private String registry;

    @BeforeEach
    void lockTheDemo() throws IOException {
        sample = SampleProject.in(temp);
        registry = sample.registry().toString();
        deep = Files.createDirectories(sample.project().resolve("src/deep"));
        assertEquals(0, sample.run("lock", "--registry", registry).exitCode());
    }

    @Test
    void commandsInASubdirectoryActOnTheProject() {
        assertEquals(sample.run("tree").out(), sample.runIn(deep, "tree").out());
        CliRunner.Result check = sample.runIn(deep, "lock", "--check", "--registry", registry);
        assertEquals(0, check.exitCode(), check.err());
        CliRunner.Result outdated = sample.runIn(deep, "outdated", "--registry", registry);
        assertEquals(sample.run("outdated", "--registry", registry).out(), outdated.out());
        CliRunner.Result why = sample.runIn(deep, "why", "tls", "--registry", registry);
        assertEquals(0, why.exitCode(), why.err());
        assertEquals(0, sample.runIn(deep, "resolve", "--registry", registry).exitCode());
        assertTrue(Files.notExists(deep.resolve("cocoatly-lock.json")));
    }

    /** search, info and check read no project, but the nearest project's settings apply to them too. */
    @Test
    void registryCommandsInASubdirectoryUseTheProjectsSettings() throws IOException {
        Files.createDirectories(sample.project().resolve(".cocoatly"));
        Files.writeString(sample.project().resolve(".cocoatly/config.json"), "{\"registry\": {\"url\": \""
                + registry.replace("\\", "\\\\") + "\"}}");
        CliRunner.Result search = sample.runIn(deep, "search", "http");
        assertEquals(0, search.exitCode(), search.err());
        assertEquals(sample.run("search", "http").out(), search.out());
        CliRunner.Result info = sample.runIn(deep, "info", "http");
        assertEquals(0, info.exitCode(), info.err());
        CliRunner.Result check = sample.runIn(deep, "check", "--json");
        assertEquals(sample.run("check", "--json").out(), check.out(), check.err());
        assertTrue(check.out().contains("\"success\""), check.out());
    }

    @Test
    void installListAndVerifyUseTheProjectsInstallation() {
        CliRunner.Result install = sample.runIn(deep, "install", "--registry", registry);
        assertEquals(0, install.exitCode(), install.err());
        assertTrue(Files.isRegularFile(sample.stateFile()), "installed next to the manifest");
        assertTrue(Files.notExists(deep.resolve(".cocoatly")));
        CliRunner.Result list = sample.runIn(deep, "list");
        assertEquals(0, list.exitCode(), list.err());
        assertEquals(sample.run("list").out(), list.out());
        assertTrue(list.out().contains("\ncli 3.2.0  (sample)  " + sample.project().resolve(".cocoatly")), list.out());
        CliRunner.Result verify = sample.runIn(deep, "verify");
        assertEquals(0, verify.exitCode(), verify.err());
        assertEquals(sample.run("verify").out(), verify.out());
        assertEquals("Nothing installed.\n", sample.runIn(deep, "list", "--global").out());
    }

    @Test
    void verboseSaysWhichManifest() {
        CliRunner.Result r = sample.runIn(deep, "tree", "--verbose", "--depth", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("using " + sample.project().resolve("cocoatly.json") + "\n", r.err());
        assertEquals("", sample.runIn(deep, "tree", "--depth", "0").err());
        CliRunner.Result named = sample.runIn(temp, "--verbose", "tree", "--depth", "0", "--manifest", "app/cocoatly.json");
        assertEquals("using " + sample.project().resolve("cocoatly.json") + "\n", named.err());
    }

    @Test
    void outsideAnyProjectTheErrorSaysWhereItLooked() {
        CliRunner.Result r = sample.runIn(temp, "lock", "--registry", registry);
        assertEquals(2, r.exitCode());
        assertEquals("error: no `cocoatly.json` in `" + temp + "` or any parent directory\n"
                + "hint: run `cocoatly init` to start a project here, or pass `--manifest FILE`\n", r.err());
    }
}
