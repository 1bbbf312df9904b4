package io.cocoatly.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.SyntaxException;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import io.cocoatly.testkit.GoldenFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemverCommandTest {

    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.in(dir).run(args);
    }

    @Test
    void printsTheSatisfyingVersionsInAscendingOrder() {
        CliRunner.Result r = run("semver", "-r", "^1.2.0", "2.0.0", "1.9.0", "1.2.0-rc.1", "1.2.5+build.3", "1.1.0", "1.2.0");
        assertEquals(0, r.exitCode());
        assertEquals("1.2.0\n1.2.5+build.3\n1.9.0\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void everyRangeMustHold() {
        CliRunner.Result r = run("semver", "-r", ">=1.0.0-rc.1", "--range", "<1.5.0", "1.0.0-rc.2", "1.0.0-beta",
                "1.4.9", "1.5.0", "1.1.0-rc.1");
        assertEquals(0, r.exitCode());
        // Each range on its own: `<1.5.0` names no prerelease, so it shuts 1.0.0-rc.2 out.
        assertEquals("1.4.9\n", r.out());
        CliRunner.Result one = run("semver", "-r", ">=1.0.0-rc.1 <1.5.0", "1.0.0-rc.2", "1.0.0-beta", "1.4.9",
                "1.5.0", "1.1.0-rc.1");
        assertEquals("1.0.0-rc.2\n1.4.9\n", one.out());
    }

    @Test
    void withoutRangesSortsEveryVersion() {
        CliRunner.Result r = run("semver", "1.0.0", "1.0.0-rc.1", "0.9.0", "1.0.0-alpha.beta", "1.0.0-alpha.1");
        assertEquals(0, r.exitCode());
        assertEquals("0.9.0\n1.0.0-alpha.1\n1.0.0-alpha.beta\n1.0.0-rc.1\n1.0.0\n", r.out());
    }

    @Test
    void noMatchIsANegativeAnswer() {
        CliRunner.Result r = run("semver", "-r", "~2.1", "2.0.9", "2.2.0", "2.1.0-beta");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void invalidRangeShowsWhereWithACaret() {
        CliRunner.Result r = run("semver", "-r", ">=1.2 <", "1.2.0");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("error: invalid requirement `>=1.2 <`: expected a version after `<` at column 8, found the end"
                + " of the input\n  >=1.2 <\n         ^\n", r.err());
    }

    @Test
    void invalidVersionIsInvalidInput() {
        CliRunner.Result r = run("semver", "-r", "*", "1.2.3", "1.2");
        assertEquals(2, r.exitCode());
        assertEquals("error: invalid version `1.2`: expected `.` and the patch version number at column 4, found"
                + " the end of the input\n  1.2\n     ^\n", r.err());
    }

    @Test
    void missingVersionsIsAUsageError() {
        CliRunner.Result r = run("semver", "-r", "^1.0.0");
        assertEquals(2, r.exitCode());
        assertEquals("error: `cocoatly semver` needs at least one version\n"
                + "hint: pass versions after the options, e.g. `cocoatly semver -r '^1.2.0' 1.2.5`\n"
                + "hint: or use `--batch` to read RANGE<TAB>VERSION lines from stdin\n", r.err());
    }

    @Test
    void jsonPrintsTheEnvelope() {
        CliRunner.Result r = run("semver", "--json", "-r", "1.x || >=3.0.0-beta", "3.0.0-beta.2", "1.0.0", "2.0.0");
        assertEquals(0, r.exitCode());
        GoldenFile.assertMatches("semver/json", r.out());
        CliRunner.Result none = run("semver", "--json", "-r", "9", "1.0.0");
        assertEquals(1, none.exitCode());
        assertEquals("{\n  \"success\" : true,\n  \"data\" : {\n    \"versions\" : [ ]\n  },\n  \"error\" : null\n}\n",
                none.out());
    }

    @Test
    void jsonErrorsCarryThePosition() {
        CliRunner.Result r = run("semver", "--json", "-r", "^1.2.3.4", "1.2.3");
        assertEquals(2, r.exitCode());
        assertEquals("", r.err());
        GoldenFile.assertMatches("semver/json-error", r.out());
    }


    @Test
    void batchAnswersEveryLineInOrder() {
        String input = "^1.2.0\t1.4.0\n^1.2.0\t2.0.0\n>=1.0.0-rc.1\t1.0.0-rc.2\n>=1.0.0\t1.0.0-rc.2\n"
                + "no tab here\n>=\t1.0.0\n1.x\t1.2\n\n1.2.3 || \t1.0.0\r\n~1.2.3\t1.2.9\n";
        CliRunner.Result r = CliRunner.in(dir).runWithInput(input, "semver", "--batch");
        assertEquals(0, r.exitCode());
        assertEquals("true\nfalse\ntrue\nfalse\n"
                + "invalid: invalid batch line `no tab here`: expected RANGE<TAB>VERSION, found no tab\n"
                + "invalid: invalid requirement `>=`: expected a version after `>=` at column 3, found the end of the input\n"
                + "invalid: invalid version `1.2`: expected `.` and the patch version number at column 4, found the end of the input\n"
                + "invalid: invalid batch line ``: expected RANGE<TAB>VERSION, found no tab\n"
                + "true\ntrue\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void batchTakesNoOtherArguments() {
        CliRunner.Result r = CliRunner.in(dir).runWithInput("", "semver", "--batch", "1.0.0");
        assertEquals(2, r.exitCode());
        assertEquals("error: `--batch` reads everything from stdin: got other arguments too\n"
                + "hint: run `cocoatly semver --batch` alone and pipe RANGE<TAB>VERSION lines into it\n", r.err());
    }

    @Test
    void batchOfManyLinesAgreesWithVersionRange() {
        Random random = new Random(42);
        List<String> requirements = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            requirements.add(randomRequirement(random));
        }
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            versions.add(randomVersion(random, true));
        }
        List<String> bad = List.of(">=", "1.2.3.4", "^", "01.2", "1.2.3 -");
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            boolean invalidRange = random.nextInt(50) == 0;
            String requirement = invalidRange ? bad.get(random.nextInt(bad.size()))
                    : requirements.get(random.nextInt(requirements.size()));
            String version = random.nextInt(60) == 0 ? "1.2" : versions.get(random.nextInt(versions.size()));
            input.append(requirement).append('\t').append(version).append('\n');
            expected.add(directly(requirement, version));
        }
        // A mix of every answer, or the comparison below proves little.
        assertTrue(expected.stream().filter("true"::equals).count() > 2_000);
        assertTrue(expected.stream().filter("false"::equals).count() > 2_000);
        assertTrue(expected.stream().filter(e -> e.startsWith("invalid: ")).count() > 500);
        CliRunner.Result r = CliRunner.in(dir).runWithInput(input.toString(), "semver", "--batch");
        assertEquals(0, r.exitCode());
        List<String> lines = r.out().lines().toList();
        assertEquals(expected.size(), lines.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), lines.get(i), "line " + (i + 1));
        }
    }

    /**
     * One to three alternatives of one to three comparators over small numbers, so that versions often
     * fall on a bound. (The model's jqwik generators live in its test-jar, which the CLI's layering
     * test would read as production code.)
     */
    private static String randomRequirement(Random random) {
        List<String> ops = List.of("", "=", "^", "~", ">", ">=", "<", "<=");
        List<String> alternatives = new ArrayList<>();
        for (int a = random.nextInt(3); a >= 0; a--) {
            if (random.nextInt(8) == 0) {
                alternatives.add(randomVersion(random, true) + " - " + randomVersion(random, false));
                continue;
            }
            List<String> comparators = new ArrayList<>();
            for (int c = random.nextInt(3); c >= 0; c--) {
                String version = randomVersion(random, true);
                int parts = random.nextInt(4);
                if (parts < 2) {
                    version = String.join(".", List.of(version.split("-")[0].split("\\.")).subList(0, parts + 1));
                }
                comparators.add(ops.get(random.nextInt(ops.size())) + version);
            }
            alternatives.add(String.join(random.nextBoolean() ? " " : ", ", comparators));
        }
        return String.join(" || ", alternatives);
    }

    private static String randomVersion(Random random, boolean prerelease) {
        String core = random.nextInt(4) + "." + random.nextInt(4) + "." + random.nextInt(4);
        List<String> pre = List.of("0", "alpha", "beta.2", "rc.1");
        return prerelease && random.nextInt(4) == 0 ? core + "-" + pre.get(random.nextInt(pre.size())) : core;
    }

    private static String directly(String requirement, String version) {
        try {
            VersionRange range = VersionRange.parse(requirement);
            return Boolean.toString(range.contains(Version.parse(version)));
        } catch (SyntaxException e) {
            return "invalid: " + e.getMessage();
        }
    }
}
