package io.cocoatly.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.model.InvalidFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the reader reports, word for word, with the file and line it names. */
class ScenarioReaderErrorsTest {

    private static final Path FILE = Path.of("bad.scenario");
    private static final String REGISTRY = "registry:\n  a 1.0.0, 2.0.0\n";
    private static final String VALID = REGISTRY + "root: a ^1\nexpect: a 1.0.0\n";

    static Stream<Arguments> errors() {
        return Stream.of(
                error("  a 1.0.0\n", "line 1: an indented line must follow a key"),
                error(VALID + "members:\n  web 1.0.0 apps/web\n",
                        "line 6: expected `name version at path [-> dependencies]`, found `web 1.0.0 apps/web`"),
                error(VALID + "members:\n  web 1.0.0 at apps/web\n",
                        "line 3: a workspace without `project:` has no package of its own to depend on anything"),
                error(REGISTRY + "root:\nexpect: nothing\nmembers:\n  web 1.0.0 at w\n  web 2.0.0 at v\n",
                        "line 7: two members are named `web`"),
                error(REGISTRY + "root:\nexpect: nothing\nmembers:\n  web 1.0.0 at w\n  api 2.0.0 at w\n",
                        "line 7: two members are at `w`"),
                error(VALID + "expect\n", "line 5: expected `key: value`, found `expect`"),
                error(VALID + "expext: a 1.0.0\n", "line 5: unknown key `expext`"),
                error(VALID + "root: a ^2\n", "line 5: key `root` is given twice"),
                error(REGISTRY + "expect: a 1.0.0\n", "end of file: missing key `root`"),
                error("root: a ^1\nexpect: nothing\n", "end of file: missing key `registry`"),
                error(REGISTRY + "root: a ^1\n", "end of file: missing key `expect`"),
                error(REGISTRY + "root: a ^1\nexpect:\n", "line 4: `expect:` is empty"),
                error(REGISTRY + "root: a ^1\nexpect:  # later\noptions: prereleases\n", "line 4: `expect:` is empty"),
                error("project:\n" + VALID, "line 1: `project:` is empty"),
                error("description:\n" + VALID, "line 1: `description:` is empty"),
                error("registry:\n  a\nroot:\nexpect: nothing\n",
                        "line 2: expected a package name and its versions, found `a`"),
                error("registry:\n  A 1.0.0\nroot:\nexpect: nothing\n",
                        "line 2: invalid package name `A`: it must match [a-z0-9][a-z0-9._-]*"),
                error("registry:\n  9a 1.0.0\nroot:\nexpect: nothing\n",
                        "line 2: invalid package name `9a`: scenario package names start with a letter"),
                error("registry:\n  a 1.0\nroot:\nexpect: nothing\n",
                        "line 2: invalid version `1.0`: expected `.` and the patch version number at column 4,"
                                + " found the end of the input"),
                error("registry:\n  a 1.0.0,\nroot:\nexpect: nothing\n", "line 2: empty item in the list `1.0.0,`"),
                error("registry:\n  a 1.0.0 (yank)\nroot:\nexpect: nothing\n", "line 2: unknown flag `(yank)`"),
                error("registry:\n  a 1.0.0 (yanked) (yanked)\nroot:\nexpect: nothing\n",
                        "line 2: flag `(yanked)` is given twice"),
                error("registry:\n  a 1.0.0 ->\nroot:\nexpect: nothing\n", "line 2: nothing after `->`"),
                error("registry:\n  a 1.0.0 -> b\nroot:\nexpect: nothing\n", "line 2: dependency `b` has no requirement"),
                error("registry:\n  a 1.0.0 -> b ^1, b ^2\nroot:\nexpect: nothing\n", "line 2: `a` depends on `b` twice"),
                error("registry:\n  a 1.0.0 -> b ^1.x.y\nroot:\nexpect: nothing\n",
                        "line 2: invalid requirement `^1.x.y`: expected the patch version number, `x` or `*`"
                                + " at column 6, found `y`"),
                error("registry:\n  a 1.0.0\n  a 1.0.0 -> b ^1\nroot:\nexpect: nothing\n",
                        "line 3: release `a 1.0.0` is listed twice"),
                error(REGISTRY + "root: >=1\nexpect: nothing\n", "line 3: expected a package name, found `>=1`"),
                error(REGISTRY + "root: a ^1\n  a ^2\nexpect: nothing\n", "line 4: `root` depends on `a` twice"),
                error(REGISTRY + "project: app\nroot:\nexpect: nothing\n", "line 3: expected `name version`, found `app`"),
                error(VALID + "options: prerelease\n", "line 5: unknown option `prerelease`"),
                error(VALID + "options: prereleases, prereleases\n", "line 5: option `prereleases` is given twice"),
                error(VALID + "options: multiple-versions=all\n",
                        "line 5: unknown value `all` for `multiple-versions`"),
                error(VALID + "options: timeout=10\n", "line 5: invalid timeout `10`"),
                error(VALID + "options: prefer a\n", "line 5: expected `prefer NAME@VERSION`, found `prefer a`"),
                error(VALID + "options: prefer a@1.0.0, prefer a@1.0.0\n", "line 5: `a@1.0.0` is preferred twice"),
                error(REGISTRY + "root: a ^1\nexpect: a 3.0.0\n",
                        "line 4: expected release `a 3.0.0` is not in the registry"),
                error(REGISTRY + "root: a ^1\nexpect: a 1.0.0, a 1.0.0\n", "line 4: `a 1.0.0` is expected twice"),
                error(REGISTRY + "root: a ^1\nexpect: a\n", "line 4: expected `name version`, found `a`"),
                error(REGISTRY + "root: a ^1\nexpect: unsatisfiable because\n",
                        "line 4: expected `unsatisfiable (involving NAME, ...)`, found `unsatisfiable because`"));
    }

    private static Arguments error(String text, String message) {
        return Arguments.of(text, FILE + ": " + message);
    }

    @ParameterizedTest
    @MethodSource("errors")
    void namesTheFileTheLineAndTheProblem(String text, String message) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ScenarioReader.parse("bad", FILE, text));
        assertEquals(message, e.getMessage());
        assertEquals("invalid-scenario", e.code());
        assertEquals(FILE.toString(), e.file());
    }

    @ParameterizedTest
    @MethodSource("errors")
    void hintsAreWholeSentencesWithoutPrefix(String text, String message) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ScenarioReader.parse("bad", FILE, text));
        for (String hint : e.hints()) {
            assertEquals(hint.strip(), hint, message);
            assertEquals(false, hint.startsWith("hint"), message);
        }
    }

    @org.junit.jupiter.api.Test
    void unknownKeyHintListsTheKeys() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> ScenarioReader.parse("bad", FILE, VALID + "explain: x.txt\n"));
        assertEquals(List.of("keys are `description`, `project`, `registry`, `root`, `options`, `expect`, `members`"),
                e.hints());
    }
}
