package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.SyntaxException;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly semver}: which versions satisfy a requirement, like npm's {@code semver} tool. */
@Command(name = "semver", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {
            "Print the given versions that satisfy every requirement, one per line in ascending order.",
            "Requirements use node-semver syntax (^1.2.3, ~1.2, 1.x, >=1.0.0 <2.0.0, 1.2 - 2, a || b).",
            "Prereleases match only when a comparator names a prerelease of the same MAJOR.MINOR.PATCH."},
        footer = {"",
            "Examples:",
            "  cocoatly semver -r '^1.2.0' 1.1.0 1.2.5 1.9.0 2.0.0",
            "  cocoatly semver -r '>=1.0.0' -r '<2.0.0-0' 1.0.0-rc.1 1.5.0",
            "  cocoatly semver 2.0.0 1.0.0-beta 1.0.0        # sort versions",
            "  printf '^1.2.0\\t1.4.0\\n' | cocoatly semver --batch",
            "",
            "Exit codes: 0 some version matched, 1 none did, 2 invalid requirement or version.",
            "With --batch, each input line RANGE<TAB>VERSION gives one output line: true, false,",
            "or `invalid: <reason>`; the exit code is 0 unless the input cannot be read."})
final class SemverCommand implements Callable<Integer> {

    /** Parsed requirements kept by {@code --batch}; inputs tend to repeat a few hundred requirements. */
    private static final int CACHE_SIZE = 4096;

    private final Context context;

    @Option(names = {"-r", "--range"}, paramLabel = "RANGE",
            description = "A requirement every printed version must satisfy; repeat to intersect.")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--batch", description = "Read RANGE<TAB>VERSION lines from stdin and answer each on stdout.")
    boolean batch;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"versions\": [...]}.")
    boolean json;

    @Parameters(paramLabel = "VERSION", arity = "0..*", description = "Versions to filter and sort.")
    List<String> versions = new ArrayList<>();

    SemverCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (batch) {
            if (json || !ranges.isEmpty() || !versions.isEmpty()) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--batch` reads everything from stdin: got other arguments too",
                        List.of("run `cocoatly semver --batch` alone and pipe RANGE<TAB>VERSION lines into it"));
            }
            batch();
            return ExitCodes.OK;
        }
        if (versions.isEmpty()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`cocoatly semver` needs at least one version",
                    List.of("pass versions after the options, e.g. `cocoatly semver -r '^1.2.0' 1.2.5`",
                            "or use `--batch` to read RANGE<TAB>VERSION lines from stdin"));
        }
        VersionRange range = VersionRange.all();
        for (String r : ranges) {
            range = range.intersect(VersionRange.parse(r));
        }
        List<Version> matching = new ArrayList<>();
        for (String text : versions) {
            Version v = Version.parse(text);
            if (range.contains(v)) {
                matching.add(v);
            }
        }
        List<String> sorted = new ArrayList<>();
        Version.sorted(matching).forEach(v -> sorted.add(v.toString()));
        if (json) {
            Json.write(context.out(), Envelope.success(Map.of("versions", sorted)));
        } else {
            sorted.forEach(context.out()::println);
            context.out().flush();
        }
        return sorted.isEmpty() ? ExitCodes.NEGATIVE : ExitCodes.OK;
    }

    private void batch() {
        BatchChecker checker = new BatchChecker(CACHE_SIZE);
        BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8), 1 << 16);
        Writer out = new BufferedWriter(context.out(), 1 << 16);
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(checker.answer(line));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.out().flush();
    }

    /** Answers one batch line at a time, remembering the most recently used requirements. */
    static final class BatchChecker {

        private final Map<String, Object> cache;

        BatchChecker(int capacity) {
            this.cache = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** {@code true}, {@code false} or {@code invalid: <reason>} for one {@code RANGE<TAB>VERSION} line. */
        String answer(String line) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return "invalid: invalid batch line `" + line + "`: expected RANGE<TAB>VERSION, found no tab";
            }
            Object range = cache.computeIfAbsent(line.substring(0, tab), BatchChecker::parse);
            if (range instanceof SyntaxException e) {
                return "invalid: " + e.getMessage();
            }
            try {
                return Boolean.toString(((VersionRange) range).contains(Version.parse(line.substring(tab + 1))));
            } catch (SyntaxException e) {
                return "invalid: " + e.getMessage();
            }
        }

        /** The range, or the error it raised, so invalid requirements are cached too. */
        private static Object parse(String requirement) {
            try {
                return VersionRange.parse(requirement);
            } catch (SyntaxException e) {
                return e;
            }
        }
    }
}
