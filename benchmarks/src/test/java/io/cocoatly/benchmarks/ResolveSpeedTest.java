package io.cocoatly.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The speed run on the committed excerpt, as a fresh clone runs it: every answer valid and proven. */
class ResolveSpeedTest {

    /** The report of a run on the excerpt with {@code warmup} fixed passes, after checking it found no failure. */
    private static String run(int warmup) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failures = ResolveSpeed.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--excerpt",
                "--warmup=" + warmup, "--runs=1", "--version-runs=1");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, text);
        return text;
    }

    @Test
    void runsOnTheExcerptWithEveryAnswerCheckedAndProven() {
        String text = run(0);
        assertTrue(text.contains("| (a) top roots | 48 |"), text);
        assertTrue(text.contains("| (a) top roots, each once through a new Resolver | 48 |"), text);
        assertTrue(text.contains("| (d) all top roots pinned together, explained | 1 |"), text);
        assertTrue(text.contains("Solutions failing the independent check: 0; solved but not proven optimal: 0; resolutions that threw: 0."), text);
        assertTrue(text.matches("(?s).*Answers digest \\(.*\\): [0-9a-f]{64}\\n.*"), text);
        assertTrue(text.contains("Warm-up: 0 passes over (a), then 0 more until 3 passes in a row each kept the JIT compiling"
                + " under 5 ms"), text);
    }

    @Test
    void breaksEachSetDownByHowItsRootsWereAnswered() {
        String text = run(0);
        for (String set : new String[] {"(a) top roots", "(b) all their versions"}) {
            String row = text.lines().filter(l -> l.startsWith("| " + set + " |") && l.contains(";")).findFirst()
                    .orElseThrow(() -> new AssertionError("no breakdown of " + set + " in\n" + text));
            String[] cells = row.substring(row.indexOf('|', 2) + 1, row.length() - 1).split("\\|");
            assertEquals(ResolveSpeed.Answered.values().length, cells.length, row);
            int[] roots = new int[cells.length];
            double share = 0;
            for (int k = 0; k < cells.length; k++) {
                String[] parts = cells[k].trim().split("; ");
                roots[k] = Integer.parseInt(parts[0]);
                share += Double.parseDouble(parts[2].replace(" %", ""));
            }
            // Every root is answered one way (none threw): the solved ones in the first three columns, the
            // unsatisfiable in the last, as the set's row counts them; and the shares make up the whole.
            String[] sizes = text.lines().filter(l -> l.startsWith("| " + set + " | ")).findFirst().orElseThrow()
                    .split("\\|")[3].trim().split(" / ");
            assertEquals(Integer.parseInt(sizes[0]), roots[0] + roots[1] + roots[2], row);
            assertEquals(Integer.parseInt(sizes[1]), roots[3], row);
            assertTrue(Math.abs(share - 100) <= 2, row);
        }
        // The unsatisfiable column and the (c) sets hold the versions a resolver of its own finds so.
        CratesIndex index = CratesIndex.openExcerpt();
        io.cocoatly.solver.Resolver resolver = new io.cocoatly.solver.Resolver(index);
        long unsatisfiable = RootVersions.of(index, CratesRoots.load(DataFiles.excerptRootsFile())).stream()
                .filter(id -> resolver.resolve(CratesRoots.request(id).withExplanation(false))
                        instanceof io.cocoatly.solver.Resolution.Unsatisfiable)
                .count();
        assertTrue(unsatisfiable > 0, "the excerpt has an unsatisfiable version");
        String versions = text.lines().filter(l -> l.startsWith("| (b) all their versions |") && l.contains(";"))
                .findFirst().orElseThrow();
        assertEquals(unsatisfiable + "", versions.split("\\|")[5].trim().split("; ")[0], versions);
        assertTrue(text.contains("| (c) unsatisfiable of (b), explained | " + unsatisfiable + " |"), text);
        // The solver's column counts the roots the report says called it.
        String solver = text.lines().filter(l -> l.startsWith("| (a) top roots |") && l.contains(";")).findFirst()
                .orElseThrow().split("\\|")[4].trim();
        String said = text.replaceAll("(?s).*Roots that called the SAT solver[^:]*: \\(a\\) (\\d+) of.*", "$1");
        assertEquals(said, solver.split("; ")[0], text);
    }

    @Test
    void namesTheCrateWhoseVersionsCostTheMost() {
        String text = run(0);
        String line = text.lines().filter(l -> l.startsWith("The costliest crates of (b)")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" ([a-z0-9_.-]+) \\((\\d+); ([0-9.]+) ms; ([0-9.]+) %\\)")
                .matcher(line.substring(line.indexOf(':')));
        CratesIndex index = CratesIndex.openExcerpt();
        java.util.Map<String, Long> versions = RootVersions.of(index, CratesRoots.load(DataFiles.excerptRootsFile()))
                .stream().collect(java.util.stream.Collectors.groupingBy(id -> id.name().toString(),
                        java.util.stream.Collectors.counting()));
        double previous = Double.MAX_VALUE;
        double shares = 0;
        int named = 0;
        while (m.find()) {
            named++;
            // Each crate's count is its versions in (b): the roots are grouped by the crate they depend on.
            assertEquals(versions.get(m.group(1)), Long.parseLong(m.group(2)), line);
            double millis = Double.parseDouble(m.group(3));
            assertTrue(millis <= previous, "not in descending order: " + line);
            previous = millis;
            shares += Double.parseDouble(m.group(4));
        }
        assertEquals(Math.min(ResolveSpeed.COSTLIEST, versions.size()), named, line);
        assertTrue(shares > 0 && shares <= 100.5, line);
    }

    @Test
    void warmsUpUntilTheCompilerSettles() {
        String text = run(2);
        // Two fixed passes, then two more (the limit) or fewer: three quiet passes cannot come within two.
        assertTrue(text.matches("(?s).*Warm-up: 2 passes over \\(a\\), then 2 more until 3 passes in a row each kept"
                + " the JIT compiling under 5 ms \\(at most 2 more\\); it compiled \\d+ ms while \\(a\\) was timed \\(.*\\)\\.\\n.*"), text);
    }
}
