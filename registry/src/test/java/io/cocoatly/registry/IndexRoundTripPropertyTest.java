package io.cocoatly.registry;

import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random valid index files read back into exactly the model they describe. */
class IndexRoundTripPropertyTest {

    /** One release as the generator wrote it. */
    record Entry(String version, Map<String, String> dependencies, Optional<Boolean> yanked) {
    }

    @Property(tries = 300)
    void readingAWrittenIndexGivesTheSameModel(@ForAll("names") String name, @ForAll("entries") List<Entry> entries,
            @ForAll long seed) {
        String json = write(name, entries, new Random(seed));
        JsonCursor root = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("index", name + ".json"), "test");
        PackageListing read = IndexFile.readStrictly(root, PackageName.of(name));

        PackageListing expected = new PackageListing(PackageName.of(name), entries.stream()
                .map(e -> new Release(new PackageId(PackageName.of(name), Version.parse(e.version())),
                        e.dependencies().entrySet().stream()
                                .map(d -> Dependency.parse(d.getKey(), d.getValue()))
                                .collect(Collectors.toList()),
                        e.yanked().orElse(false), Optional.empty()))
                .collect(Collectors.toList()));
        assertEquals(expected, read);
        // Build metadata plays no part in equality, so check the text survived as well.
        assertEquals(expected.releases().stream().map(r -> r.version().toString()).collect(Collectors.toList()),
                read.releases().stream().map(r -> r.version().toString()).collect(Collectors.toList()));
    }

    /** Serialises with object keys and array entries in a random order, which must not matter. */
    private static String write(String name, List<Entry> entries, Random random) {
        List<String> versions = new ArrayList<>();
        for (Entry e : entries) {
            List<String> members = new ArrayList<>();
            members.add(member("version", quote(e.version())));
            if (!e.dependencies().isEmpty() || random.nextBoolean()) {
                List<String> deps = e.dependencies().entrySet().stream()
                        .map(d -> member(d.getKey(), quote(d.getValue()))).collect(Collectors.toList());
                Collections.shuffle(deps, random);
                members.add(member("dependencies", "{" + String.join(", ", deps) + "}"));
            }
            e.yanked().ifPresent(y -> members.add(member("yanked", y.toString())));
            Collections.shuffle(members, random);
            versions.add("{" + String.join(",\n ", members) + "}");
        }
        Collections.shuffle(versions, random);
        List<String> top = new ArrayList<>(List.of(member("name", quote(name)),
                member("versions", "[" + String.join(", ", versions) + "]")));
        Collections.shuffle(top, random);
        return "{" + String.join(", ", top) + "}";
    }

    private static String member(String key, String value) {
        return quote(key) + ": " + value;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').with('0', '1', '9');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withChars('0', '7', '.', '_', '-')
                .ofMaxLength(PackageName.MAX_LENGTH - 1);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Entry> entry = Combinators.combine(versions(), dependencies(),
                Arbitraries.of(true, false).optional()).as(Entry::new);
        // Versions must be distinct by precedence, which ignores build metadata.
        return entry.list().ofMaxSize(8).uniqueElements(e -> Version.parse(e.version()));
    }

    private Arbitrary<String> versions() {
        Arbitrary<Integer> n = Arbitraries.integers().between(0, 12);
        Arbitrary<String> pre = Arbitraries.of("", "-alpha", "-beta.2", "-rc.1", "-0", "-x.7.y");
        Arbitrary<String> build = Arbitraries.of("", "", "+linux", "+001.sha-5114f85");
        return Combinators.combine(n, n, n, pre, build).as((a, b, c, p, m) -> a + "." + b + "." + c + p + m);
    }

    private Arbitrary<Map<String, String>> dependencies() {
        Arbitrary<String> requirement = Combinators.combine(
                Arbitraries.of("^%s.%s", "~%s.%s.0", ">=%s.%s.0 <%s.0.0", ">=%s.0, <%s.%s", "^0.%s || ^%s.%s",
                        "%s.%s.x", "=%s.%s.1", "%s.0.0 - %s.%s.9", "*"),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 5))
                .as((template, a, b, c) -> String.format(template, a, b, c));
        return Arbitraries.maps(names(), requirement).ofMaxSize(4).map(LinkedHashMap::new);
    }
}
