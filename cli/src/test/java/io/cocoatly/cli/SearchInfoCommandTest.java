package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cocoatly.testkit.GoldenFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code search} and {@code info} over the sample registry directory, which has no API: goldens of every text. */
class SearchInfoCommandTest {

    private static final Path REPO = GoldenFile.repo();

    private static CliRunner.Result run(String... args) {
        return CliRunner.in(REPO).run(args);
    }

    private static void golden(String name, CliRunner.Result r, int exit) {
        assertEquals(exit, r.exitCode(), r.out() + r.err());
        GoldenFile.assertMatches(name, "exit " + r.exitCode() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err());
    }

    @Test
    void searchMatchesSubstringsTheExactNameFirst() {
        golden("search/directory-http", run("search", "http", "--registry", "testdata/registry"), 0);
    }

    @Test
    void searchSaysWhenItShowsOnlySome() {
        golden("search/directory-limit", run("search", "r", "--registry", "testdata/registry", "--limit", "3"), 0);
    }

    @Test
    void searchWithoutMatches() {
        golden("search/directory-none", run("search", "ftp", "--registry", "testdata/registry"), 0);
    }

    @Test
    void searchJson() {
        golden("search/directory-json", run("search", "e", "--registry", "testdata/registry", "--limit", "4", "--json"), 0);
    }

    @Test
    void searchRefusesALimitBelowOne() {
        golden("search/limit-zero", run("search", "http", "--registry", "testdata/registry", "--limit", "0"), 2);
    }

    @Test
    void infoShowsVersionsNewestFirstWithYankedMarksAndTheNewestsDependencies() {
        golden("info/directory-http", run("info", "http", "--registry", "testdata/registry"), 0);
    }

    @Test
    void infoJson() {
        golden("info/directory-http-json", run("info", "http", "--registry", "testdata/registry", "--json"), 0);
    }

    @Test
    void infoOfAnUnknownNameSuggestsTheClosest() {
        golden("info/directory-unknown", run("info", "htpp", "--registry", "testdata/registry"), 2);
    }

    @Test
    void infoWithoutARegistrySaysHowToNameOne() {
        CliRunner.Result r = new CliRunner(REPO, java.util.Map.of("COLUMNS", "100")).run("info", "http");
        assertEquals(2, r.exitCode(), r.err());
    }
}
