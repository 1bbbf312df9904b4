package io.cocoatly.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts {@code testdata/crates-excerpt} out of the crates.io snapshot: the dependency closure of a
 * few root crates, in the snapshot's own compact format, so that the crates tests run on real data
 * in a clone with nothing beside it.
 *
 * <p>The closure starts from each root at its version in the top-300 file and follows exactly the
 * dependencies {@link CrateParser} keeps ({@code normal} and {@code build}, with or without a
 * target, not {@code optional}, renamed ones to their real crate). For each such dependency it keeps
 * <em>every</em> version of the crate that the requirement admits, and follows those in turn. So
 * every version in the excerpt has all its candidates in the excerpt too: resolving or checking any
 * of them gives the same answer as on the whole snapshot. Lines keep the snapshot's order and each
 * kept version object as it was (its {@code features} included); versions outside the closure are
 * left out, and so are crates with none inside.
 *
 * <p>Usage, from the repository root after {@code mvn -o -q -pl benchmarks -am package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.cocoatly.benchmarks.CratesExcerpt
 * testdata/crates-excerpt serde rand ...}; with no crate named, the roots already listed in the
 * output directory's {@code roots.tsv} are cut again. The snapshot is found by {@link DataFiles}.
 */
public final class CratesExcerpt {

    /** The excerpt's index, in the snapshot's compact jsonl format, not compressed. */
    public static final String INDEX_FILE = "index.compact.jsonl";

    /** The excerpt's roots: the chosen lines of the top-300 file, its header first. */
    public static final String ROOTS_FILE = "roots.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CratesExcerpt() {
    }

    /**
     * The two files of an excerpt, as text.
     *
     * @param roots the header and the chosen lines of the top-300 file, in its order
     * @param index one line per crate with at least one version in the closure, in the snapshot's order
     */
    public record Cut(String roots, String index) {

        /** Writes {@link #ROOTS_FILE} and {@link #INDEX_FILE} into {@code dir}, made if missing. */
        public void writeTo(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(ROOTS_FILE), roots, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(INDEX_FILE), index, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Cuts the excerpt named on the command line; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: CratesExcerpt OUT-DIR [crate ...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> crates = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : rootNames(out.resolve(ROOTS_FILE));
        Cut cut = cut(DataFiles.directory(), crates);
        cut.writeTo(out);
        System.out.println(crates.size() + " roots, " + cut.index().lines().count() + " crates, "
                + cut.index().length() / 1024 + " KiB written to " + out);
    }

    /** The crate names of a roots file (its first column, header skipped). */
    public static List<String> rootNames(Path rootsFile) throws IOException {
        List<String> lines = Files.readAllLines(rootsFile, StandardCharsets.UTF_8);
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]).toList();
    }

    /**
     * Cuts the closure of {@code crates} (names as in the top-300 file, any case or separator) from the
     * snapshot in {@code snapshotDir}.
     *
     * @throws CocoatlyException {@code benchmark-data-missing} if a crate is not in the top-300 file,
     *                           {@code invalid-crates-index} if the snapshot cannot be read
     */
    public static Cut cut(Path snapshotDir, List<String> crates) {
        Map<String, String> rootVersions = new LinkedHashMap<>();
        StringBuilder roots = new StringBuilder();
        List<String> top = readLines(snapshotDir.resolve(DataFiles.ROOTS_FILE));
        roots.append(top.get(0)).append('\n');
        List<String> wanted = crates.stream().map(CratesIndex::normalise).toList();
        for (String line : top.subList(1, top.size())) {
            String[] fields = line.split("\t");
            if (fields.length >= 2 && wanted.contains(CratesIndex.normalise(fields[0]))) {
                roots.append(line).append('\n');
                rootVersions.put(CratesIndex.normalise(fields[0]), fields[1]);
            }
        }
        for (String name : wanted) {
            if (!rootVersions.containsKey(name)) {
                throw new CocoatlyException(ErrorKind.FAILED, "benchmark-data-missing", "no crate `" + name + "` in "
                        + DataFiles.ROOTS_FILE, List.of("roots are chosen among the 300 crates of that file"));
            }
        }
        return new Cut(roots.toString(), new Closure(readLines(snapshotDir.resolve(DataFiles.INDEX_FILE)))
                .from(rootVersions));
    }

    private static List<String> readLines(Path file) {
        return new String(CratesIndex.read(file), StandardCharsets.UTF_8).lines().toList();
    }

    /** The walk over the snapshot's lines: which version entries of which crate are kept. */
    private static final class Closure {

        private final List<String> lines;
        private final Map<String, Integer> lineOf = new HashMap<>();
        private final Map<Integer, ObjectNode> parsed = new HashMap<>();
        private final Map<Integer, BitSet> kept = new HashMap<>();
        private final Deque<int[]> work = new ArrayDeque<>();

        Closure(List<String> lines) {
            this.lines = lines;
            // Every line starts with the crate's name (CratesIndex relies on it too), so no line is parsed here.
            int prefix = "{\"name\":\"".length();
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i);
                int close = text.indexOf('"', prefix);
                if (close > prefix) {
                    lineOf.putIfAbsent(CratesIndex.normalise(text.substring(prefix, close)), i);
                }
            }
        }

        String from(Map<String, String> roots) {
            roots.forEach((name, version) -> require(name, VersionRange.parse("=" + version)));
            while (!work.isEmpty()) {
                int[] entry = work.pop();
                for (JsonNode dep : crate(entry[0]).path("versions").get(entry[1]).path("deps")) {
                    if (dep.path(2).asText("normal").equals("dev") || dep.path(3).asBoolean(false)) {
                        continue;
                    }
                    String name = dep.path(5).isTextual() ? dep.path(5).asText() : dep.path(0).asText("");
                    VersionRange range;
                    try {
                        range = CargoRequirement.parse(dep.path(1).asText("*").strip());
                    } catch (RuntimeException e) {
                        continue; // CrateParser skips the whole release, so nothing it needs is ever asked for.
                    }
                    require(CratesIndex.normalise(name), range);
                }
            }
            StringBuilder out = new StringBuilder();
            kept.keySet().stream().sorted().forEach(line -> out.append(excerpt(line)).append('\n'));
            return out.toString();
        }

        private void require(String name, VersionRange range) {
            Integer line = lineOf.get(name);
            if (line == null) {
                return;
            }
            JsonNode versions = crate(line).path("versions");
            BitSet done = kept.computeIfAbsent(line, k -> new BitSet());
            for (int i = 0; i < versions.size(); i++) {
                String v = versions.get(i).path("v").asText("");
                if (!done.get(i) && Version.isValid(v) && range.contains(Version.parse(v))) {
                    done.set(i);
                    work.push(new int[] {line, i});
                }
            }
        }

        private String excerpt(int line) {
            ObjectNode crate = crate(line).deepCopy();
            ArrayNode versions = JSON.createArrayNode();
            JsonNode all = crate.path("versions");
            kept.get(line).stream().forEach(i -> versions.add(all.get(i)));
            crate.set("versions", versions);
            try {
                return JSON.writeValueAsString(crate);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private ObjectNode crate(int line) {
            return parsed.computeIfAbsent(line, i -> {
                try {
                    return (ObjectNode) JSON.readTree(lines.get(i));
                } catch (JsonProcessingException e) {
                    throw new CocoatlyException(ErrorKind.INVALID_INPUT, "invalid-crates-index", "line " + (i + 1) + " of the snapshot is not"
                            + " JSON: " + e.getOriginalMessage(), List.of("fetch the snapshot again"), e);
                }
            });
        }
    }
}
