package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.Resolver;
import io.cocoatly.solver.VersionCheck;
import io.cocoatly.testkit.InMemoryIndex;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoseExportTest {

    @TempDir
    Path temp;

    /** a@1 needs b ^1; a@2 is yanked; b has two classes and a self-dependency that fails; c needs a ghost. */
    private static InMemoryIndex small() {
        return new InMemoryIndex("t", List.of(
                release("a", "1.0.0", false, "b", "^1"),
                release("a", "2.0.0", true),
                release("b", "0.3.0", false),
                release("b", "1.0.0", false, "b", "^1"),
                release("b", "1.1.0", false, "b", "^2"),
                release("c", "1.0.0", false, "ghost", "^1", "b", "^0.3")));
    }

    private static Release release(String name, String version, boolean yanked, String... deps) {
        List<Dependency> dependencies = new ArrayList<>();
        for (int i = 0; i < deps.length; i += 2) {
            dependencies.add(Dependency.parse(deps[i], deps[i + 1]));
        }
        return new Release(PackageId.of(name, version), dependencies, yanked, Optional.empty());
    }

    private String export(PackageIndex index, List<io.cocoatly.model.PackageName> names, VersionPolicy policy)
            throws IOException {
        new DoseExport(index, names, policy).write(temp.resolve("out.cudf"), temp.resolve("out.map"));
        return Files.readString(temp.resolve("out.cudf"));
    }

    @Test
    void writesOnePackagePerClassRootCopiesYankedVersionsApartAndImpossibleDependencies() throws IOException {
        InMemoryIndex index = small();
        String cudf = export(index, new ArrayList<>(index.packages()), VersionPolicy.SEMVER_MAJOR);
        // The whole class b%1 matches ^1; nothing of b%0.3 does.
        assertTrue(cudf.contains("package: a%1\nversion: 1\ndepends: b%1\nconflicts: a%1\n"), cudf);
        // The root binds every version of a: another class is excluded.
        assertTrue(cudf.contains("package: a%1%root\nversion: 1\ndepends: a%1 = 1\nconflicts: a%2\n"), cudf);
        // Yanked: checked under a name no dependency uses, and as a root, alone of its package.
        assertTrue(cudf.contains("package: a%2%yanked\nversion: 2\nconflicts: a%1, a%2\n"), cudf);
        // A self-dependency holds iff its range contains the version itself.
        assertTrue(cudf.contains("package: b%1\nversion: 2\nconflicts: b%1\n"), cudf);
        assertTrue(cudf.contains("package: b%1\nversion: 3\ndepends: b%none\nconflicts: b%1\n"), cudf);
        // One class: no root copy; a missing package can never be installed.
        assertTrue(cudf.contains("package: c%1\nversion: 1\ndepends: b%0.3, ghost%none\nconflicts: c%1\n"), cudf);
        assertTrue(!cudf.contains("c%1%root"), cudf);
        assertEquals(List.of("a%1%root\t1\ta@1.0.0", "a%2%yanked\t2\ta@2.0.0", "b%0.3%root\t1\tb@0.3.0",
                        "b%1%root\t2\tb@1.0.0", "b%1%root\t3\tb@1.1.0", "c%1\t1\tc@1.0.0"),
                Files.readAllLines(temp.resolve("out.map")));
    }

    @Test
    void underOneVersionPerPackageRangesBecomeRunsOfRanks() throws IOException {
        InMemoryIndex index = new InMemoryIndex("t", List.of(release("q", "1.0.0", false), release("q", "1.1.0", false),
                release("q", "1.2.0", true), release("q", "2.0.0", false), release("q", "3.0.0", false),
                release("p", "1.0.0", false, "q", ">=1.1.0"), release("p", "2.0.0", false, "q", "<2.0.0"),
                release("p", "3.0.0", false, "q", "^1.1 || ^3")));
        String cudf = export(index, new ArrayList<>(index.packages()), VersionPolicy.ONE_PER_PACKAGE);
        assertTrue(cudf.contains("package: p\nversion: 1\ndepends: q >= 2\n"), cudf);
        assertTrue(cudf.contains("package: p\nversion: 2\ndepends: q <= 2\n"), cudf);
        assertTrue(cudf.contains("package: p\nversion: 3\ndepends: q = 2 | q = 5\n"), cudf);
        assertTrue(cudf.contains("package: q%yanked\nversion: 3\nconflicts: q\n"), cudf);
    }

    /** Where dose-distcheck is installed: its verdicts on the exported CUDF are the check's, version for version. */
    @Test
    void doseDistcheckAgreesWithTheCheck() throws IOException, InterruptedException {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "dose-distcheck")));
        assumeTrue(installed, "dose-distcheck is not installed (apt-get install dose-distcheck); comparison skipped");
        List<PackageIndex> registries = List.of(small(), RegistryGenerator.generate(1, RegistryGenerator.Shape.small()),
                RegistryGenerator.generate(2, RegistryGenerator.Shape.small()));
        for (PackageIndex index : registries) {
            List<io.cocoatly.model.PackageName> names = new ArrayList<>(((InMemoryIndex) index).packages());
            for (VersionPolicy policy : VersionPolicy.values()) {
                export(index, names, policy);
                TreeSet<String> expected = new TreeSet<>();
                for (VersionCheck c : new Resolver(index).check(names, policy, false).results()) {
                    if (!c.installable()) {
                        expected.add(c.id().toString());
                    }
                }
                assertEquals(expected, doseBroken(), index.name() + " " + policy);
            }
        }
    }

    /** The versions dose-distcheck finds broken in out.cudf, named through out.map. */
    private TreeSet<String> doseBroken() throws IOException, InterruptedException {
        Process dose = new ProcessBuilder("dose-distcheck", "-f", "cudf://" + temp.resolve("out.cudf"))
                .redirectErrorStream(true).start();
        String output = new String(dose.getInputStream().readAllBytes());
        List<String> lines = output.lines().toList();
        // 0: nothing broken, 1: something broken; anything else (a file it cannot read) would look like "nothing".
        int exit = dose.waitFor();
        assertTrue(exit == 0 || exit == 1, "dose-distcheck exited " + exit + ":\n" + output);
        Map<String, String> map = new HashMap<>();
        for (String line : Files.readAllLines(temp.resolve("out.map"))) {
            String[] f = line.split("\t");
            map.put(f[0] + " " + f[1], f[2]);
        }
        TreeSet<String> broken = new TreeSet<>();
        String name = null;
        for (String line : lines) {
            if (line.startsWith("  package: ")) {
                name = line.substring(11).trim();
            } else if (line.startsWith("  version: ")) {
                String id = map.get(name + " " + line.substring(11).trim());
                if (id != null) {
                    broken.add(id);
                }
            }
        }
        return broken;
    }
}
