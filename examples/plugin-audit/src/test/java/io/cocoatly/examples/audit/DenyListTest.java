package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.plugin.PackageChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The licence deny list: where it is read from, and what an SPDX expression makes of it. */
class DenyListTest {

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        file = Files.createDirectories(home.resolve("audit")).resolve("deny-licenses.txt");
        Files.writeString(file, "# licences we may not ship\nGPL-3.0-only\n\n  agpl-3.0-only   # any case\nSSPL-1.0\n");
    }

    private Optional<String> refusal(Map<String, String> env, String license) {
        return DenyList.load(home, env).refusal(Events.install(home, "pkg", "1.0.0", license));
    }

    private boolean denied(String license) {
        return refusal(Map.of(), license).isPresent();
    }

    @Test
    void aDeniedLicenceIsRefusedWithTheMessageNamingPackageLicenceAndList() {
        assertEquals(Optional.of("`pkg 1.0.0` is licensed GPL-3.0-only, which is on the deny list (" + file + ")"),
                refusal(Map.of(), "GPL-3.0-only"));
    }

    @Test
    void idsMatchWhateverTheirCaseAndCommentsAndBlankLinesAreIgnored() {
        assertEquals(true, denied("AGPL-3.0-only"));
        assertEquals(true, denied("gpl-3.0-ONLY"));
        assertEquals(false, denied("MIT"));
        assertEquals(false, denied("GPL-3.0-or-later"), "another id, though close");
        assertEquals(false, denied("GPL-3.0"), "the deprecated id is an id of its own");
    }

    @Test
    void anAlternativeIsDeniedOnlyWhenEveryChoiceIs() {
        assertEquals(false, denied("MIT OR GPL-3.0-only"));
        assertEquals(false, denied("GPL-3.0-only OR MIT"));
        assertEquals(Optional.of("`pkg 1.0.0` is licensed `GPL-3.0-only OR AGPL-3.0-only`, and GPL-3.0-only,"
                + " AGPL-3.0-only are on the deny list (" + file + ")"), refusal(Map.of(), "GPL-3.0-only OR AGPL-3.0-only"));
    }

    @Test
    void aConjunctionIsDeniedWhenAnyPartIs() {
        assertEquals(Optional.of("`pkg 1.0.0` is licensed `MIT AND GPL-3.0-only`, and GPL-3.0-only is on the deny list ("
                + file + ")"), refusal(Map.of(), "MIT AND GPL-3.0-only"));
        assertEquals(false, denied("MIT AND Apache-2.0"));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        // (MIT AND GPL) OR Apache: Apache can be chosen.
        assertEquals(false, denied("MIT AND GPL-3.0-only OR Apache-2.0"));
        // MIT AND (GPL OR Apache): Apache can be chosen, MIT is fine.
        assertEquals(false, denied("MIT AND (GPL-3.0-only OR Apache-2.0)"));
        // (MIT OR Apache) AND GPL: GPL cannot be avoided.
        assertEquals(true, denied("(MIT OR Apache-2.0) AND GPL-3.0-only"));
        assertEquals(true, denied("mit and (gpl-3.0-only or sspl-1.0)"), "lower-case operators");
    }

    @Test
    void anExceptionIsJudgedByItsLicence() {
        assertEquals(true, denied("GPL-3.0-only WITH GCC-exception-3.1"));
        assertEquals(false, denied("GPL-2.0-only WITH Classpath-exception-2.0"));
    }

    @Test
    void aLicenceThatIsNoExpressionIsRefusedWhileAnythingIsDenied() {
        assertEquals(Optional.of("`pkg 1.0.0` has a licence the deny list cannot be checked against: `MIT OR` is not an"
                + " SPDX expression: a licence id is missing at the end"), refusal(Map.of(), "MIT OR"));
        for (String bad : List.of("see LICENSE.txt", "(MIT", "MIT Apache-2.0", "MIT AND or GPL-3.0-only", "MIT and Apache-2.0 OR X")) {
            assertEquals(true, denied(bad), bad);
        }
    }

    @Test
    void aPackageWithoutALicenceIsNotRefused() {
        assertEquals(Optional.empty(), refusal(Map.of(), null));
    }

    @Test
    void theVariableAddsToTheFileAndIsNamedAsTheSource() {
        Map<String, String> env = Map.of(DenyList.ENV, " MIT , ,BSD-3-Clause");
        assertEquals(Optional.of("`pkg 1.0.0` is licensed MIT, which is on the deny list (COCOATLY_AUDIT_DENY)"),
                refusal(env, "MIT"));
        assertEquals(true, refusal(env, "GPL-3.0-only").isPresent(), "the file still counts");
    }

    @Test
    void withoutFileOrVariableNothingIsDenied() throws IOException {
        Files.delete(file);
        assertEquals(true, DenyList.load(home, Map.of()).isEmpty());
        assertEquals(Optional.empty(), refusal(Map.of(), "GPL-3.0-only"));
        assertEquals(Optional.empty(), refusal(Map.of(), "not even an expression"));
    }

    @Test
    void anEntryThatIsNoIdIsAnErrorNamingFileAndLine() throws IOException {
        Files.writeString(file, "MIT\nGPL 3\n");
        assertEquals("`" + file + "` line 2: `GPL 3` is not an SPDX licence id (one id per line, `#` starts a comment)",
                assertThrows(IllegalArgumentException.class, () -> DenyList.load(home, Map.of())).getMessage());
        Files.delete(file);
        assertEquals("`COCOATLY_AUDIT_DENY`: `a b` is not an SPDX licence id (ids separated by commas)",
                assertThrows(IllegalArgumentException.class, () -> DenyList.load(home, Map.of(DenyList.ENV, "MIT,a b")))
                        .getMessage());
    }

    @Test
    void onlyWhatIsInstalledIsChecked() {
        DenyList list = DenyList.load(home, Map.of());
        PackageChange removed = Events.change(home, "old", "1.0.0", null, PackageChange.Kind.REMOVE, "GPL-3.0-only");
        PackageChange updated = Events.change(home, "upd", "2.0.0", "1.0.0", PackageChange.Kind.UPDATE, "SSPL-1.0");
        PackageChange reinstalled = Events.change(home, "re", "1.0.0", null, PackageChange.Kind.REINSTALL, "AGPL-3.0-only");
        assertEquals(List.of("`upd 2.0.0` is licensed SSPL-1.0, which is on the deny list (" + file + ")",
                "`re 1.0.0` is licensed AGPL-3.0-only, which is on the deny list (" + file + ")"),
                list.refusals(List.of(removed, updated, reinstalled)));
    }
}
