package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link PackageIndex} written as lines {@code name version [yanked] [-> dep req; dep req]},
 * e.g. {@code "a 1.0.0 -> b ^1; c >=2.0.0"}. Counts {@code find} calls, to test lazy loading.
 */
public final class TestIndex implements PackageIndex {

    private final Map<PackageName, List<Release>> releases;
    final AtomicInteger finds = new AtomicInteger();
    private final Set<PackageName> asked = ConcurrentHashMap.newKeySet();

    TestIndex(Map<PackageName, List<Release>> releases) {
        this.releases = releases;
    }

    public static TestIndex of(String... lines) {
        Map<PackageName, List<Release>> map = new LinkedHashMap<>();
        for (String line : lines) {
            Release r = release(line);
            map.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        return new TestIndex(map);
    }

    static Release release(String line) {
        String[] parts = line.split("->", 2);
        String[] head = parts[0].trim().split("\\s+");
        boolean yanked = head.length > 2 && head[2].equals("yanked");
        return new Release(io.cocoatly.model.PackageId.of(head[0], head[1]),
                parts.length > 1 ? dependencies(parts[1]) : List.of(), yanked, Optional.empty());
    }

    /** A root manifest: {@code "app 1.0.0 -> a ^1; b *"}. */
    static Manifest manifest(String line) {
        Release r = release(line);
        return new Manifest(r.name(), r.version(), r.dependencies());
    }

    static List<Dependency> dependencies(String text) {
        List<Dependency> deps = new ArrayList<>();
        for (String d : text.split(";")) {
            String t = d.trim();
            if (!t.isEmpty()) {
                int space = t.indexOf(' ');
                deps.add(space < 0 ? Dependency.parse(t, "*") : Dependency.parse(t.substring(0, space),
                        t.substring(space + 1).trim()));
            }
        }
        return deps;
    }

    /** The names {@link #find} was asked about. */
    Set<PackageName> asked() {
        return Set.copyOf(asked);
    }

    Map<PackageName, List<Release>> releases() {
        return releases;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Optional<PackageListing> find(PackageName name) {
        finds.incrementAndGet();
        asked.add(name);
        List<Release> r = releases.get(name);
        return r == null ? Optional.empty() : Optional.of(new PackageListing(name, r));
    }

    static Version v(String text) {
        return Version.parse(text);
    }
}
