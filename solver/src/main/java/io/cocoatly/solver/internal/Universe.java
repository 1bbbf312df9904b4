package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.VersionRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a registry a resolution can touch: every package reachable from the roots, read
 * lazily through {@link PackageIndex#find}, and of each package only its candidates.
 *
 * <p>A version of {@code q} is a candidate iff it is a root version ({@code check}), or some range on
 * an edge into {@code q} contains it, where the edge leaves the root or a candidate. This is the least
 * fixpoint of that rule, so it does not depend on the order in which edges are met. A candidate may
 * satisfy dependency edges ({@link Candidate#target}) unless it is yanked and not pinned: yanked
 * versions are never chosen to satisfy a requirement unless the caller pinned that exact version.
 * Edges into {@code rootName} and self-edges ({@code p → p}) load nothing: the root's, or the
 * package's, own version is the only one that can satisfy them.
 */
public final class Universe {

    /**
     * One candidate version; {@code target}: whether it may satisfy dependency edges; {@code position}:
     * its place in the package's listing, as {@link #matches} numbers releases.
     */
    public record Candidate(Release release, boolean target, int position) {
    }

    /**
     * One package as loaded: whether the registry has it, its candidates ascending by version, and
     * the registry's listing of it ({@code releases}, shared, not to be modified).
     */
    public record Package(PackageName name, boolean exists, List<Candidate> candidates, List<Release> releases) {

        /**
         * All its yanked versions, ascending, for messages. Found when asked, not when loading: only
         * messages ask, and going through every release of every loaded package was a visible part of
         * a small resolution (each release another object to fetch from memory).
         */
        public List<Version> yanked() {
            List<Version> yanked = new ArrayList<>();
            for (Release r : releases) {
                if (r.yanked()) {
                    yanked.add(r.version());
                }
            }
            return Collections.unmodifiableList(yanked);
        }
    }

    private final Map<PackageName, Package> packages;
    private final int loaded;
    private final Matches matches;
    /** Per package, the matches of every range the loader met on an edge into it. */
    private final Map<PackageName, Map<VersionRange, BitSet>> met;

    private Universe(Map<PackageName, Package> packages, int loaded, Matches matches,
                     Map<PackageName, Map<VersionRange, BitSet>> met) {
        this.packages = packages;
        this.loaded = loaded;
        this.matches = matches;
        this.met = met;
    }

    /**
     * The positions in the listing of loaded package {@code name} of the versions {@code range}
     * contains (see {@link Candidate#position}); shared and never to be modified. The encoder asks
     * for the ranges on the edges the loader followed, so the loader's answers are handed back
     * rather than looked up again.
     */
    BitSet matches(PackageName name, VersionRange range) {
        Map<VersionRange, BitSet> ranges = met.get(name);
        BitSet found = ranges == null ? null : ranges.get(range);
        return found != null ? found : matches.of(name, get(name).releases(), range);
    }

    /** Packages sorted by name. */
    public Map<PackageName, Package> packages() {
        return packages;
    }

    /** How many packages were asked of the index. */
    public int loaded() {
        return loaded;
    }

    /** The loaded package, or a non-existent placeholder if it was never reached. */
    public Package get(PackageName name) {
        Package p = packages.get(name);
        return p != null ? p : new Package(name, false, List.of(), List.of());
    }

    /**
     * Loads what {@code requirements} of a root named {@code rootName} reach.
     *
     * @param pinned versions the caller pinned; a pinned yanked version may be a candidate
     */
    static Universe forRoot(PackageIndex index, PackageName rootName, List<Dependency> requirements,
                            Preferences pinned) {
        return forRoot(index, rootName, requirements, pinned, new Matches());
    }

    /** As {@link #forRoot(PackageIndex, PackageName, List, Preferences)}, matching ranges through {@code matches}. */
    static Universe forRoot(PackageIndex index, PackageName rootName, List<Dependency> requirements,
                            Preferences pinned, Matches matches) {
        Loader loader = new Loader(index, rootName, pinned, matches);
        for (Dependency d : requirements) {
            loader.follow(rootName, d);
        }
        return loader.run();
    }

    /** Loads every version of {@code roots} (yanked ones included) and what they reach. */
    public static Universe forCheck(PackageIndex index, Collection<PackageName> roots) {
        Loader loader = new Loader(index, null, Preferences.of(List.of(), VersionPolicy.ONE_PER_PACKAGE), new Matches());
        for (PackageName name : roots) {
            loader.allVersions(name);
        }
        return loader.run();
    }

    /**
     * The fixpoint computation; admitted releases wait in a queue until their edges are followed, so
     * deep graphs need no deep recursion.
     */
    private static final class Loader {
        private final PackageIndex index;
        private final PackageName rootName;
        private final Preferences pinned;
        private final Matches matches;
        private final Map<PackageName, State> states = new HashMap<>();
        private final Deque<Release> admitted = new ArrayDeque<>();

        Loader(PackageIndex index, PackageName rootName, Preferences pinned, Matches matches) {
            this.index = index;
            this.rootName = rootName;
            this.pinned = pinned;
            this.matches = matches;
        }

        /** Admits the versions of {@code d}'s package that {@code d} of {@code from} may select. */
        void follow(PackageName from, Dependency d) {
            if (d.name().equals(rootName) || d.name().equals(from)) {
                return;
            }
            State s = state(d.name());
            // Admitting is idempotent per range, and consecutive versions mostly repeat their ranges.
            if (s.ranges.containsKey(d.range())) {
                return;
            }
            BitSet matched = matches.of(s.matchCache, d.range());
            s.ranges.put(d.range(), matched);
            for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
                if (!s.candidate.get(i) && s.eligible(i)) {
                    admit(s, i);
                }
            }
        }

        void allVersions(PackageName name) {
            State s = state(name);
            for (int i = 0; i < s.releases.size(); i++) {
                admit(s, i);
            }
        }

        Universe run() {
            while (!admitted.isEmpty()) {
                Release r = admitted.poll();
                PackageName from = r.id().name();
                for (Dependency d : r.dependencies()) {
                    follow(from, d);
                }
            }
            // Sorted once, then kept in a hash map that iterates in that order: the encoder walks the
            // packages several times and looks them up by name, both cheaper than through a tree.
            State[] sorted = states.values().toArray(new State[0]);
            Arrays.sort(sorted, (a, b) -> a.name.compareTo(b.name));
            Map<PackageName, Package> result = new LinkedHashMap<>(capacity(sorted.length));
            Map<PackageName, Map<VersionRange, BitSet>> met = new HashMap<>(capacity(sorted.length));
            for (State s : sorted) {
                result.put(s.name, s.toPackage());
                met.put(s.name, s.ranges);
            }
            return new Universe(Collections.unmodifiableMap(result), states.size(), matches, met);
        }

        /** A hash map's initial capacity for {@code n} entries: no resizing while they are put. */
        private static int capacity(int n) {
            return (int) (n / 0.75f) + 1;
        }

        private void admit(State s, int i) {
            if (s.candidate.get(i)) {
                return;
            }
            s.candidate.set(i);
            admitted.add(s.releases.get(i));
        }

        private State state(PackageName name) {
            State s = states.get(name);
            if (s == null) {
                s = new State(name, index.find(name), pinned, matches);
                states.put(name, s);
            }
            return s;
        }
    }

    /** Loading state of one package. */
    private static final class State {
        final PackageName name;
        final boolean exists;
        final List<Release> releases;
        /**
         * The positions admitted as candidates. A bit set rather than a flag per release: popular
         * packages have hundreds of releases of which a root admits a few, and both clearing the
         * flags and finding the set ones went through every release (5 % of a small root's time).
         */
        final BitSet candidate;
        final Preferences pins;
        /** The resolver's cache of this listing's matches, looked up once. */
        final Matches.Listing matchCache;
        /** The ranges met on edges into the package, with the positions each matches. */
        final Map<VersionRange, BitSet> ranges = new HashMap<>();

        State(PackageName name, Optional<PackageListing> listing, Preferences pins, Matches matches) {
            this.name = name;
            this.exists = listing.isPresent();
            this.releases = listing.map(PackageListing::releases).orElse(List.of());
            this.candidate = new BitSet(releases.size());
            this.pins = pins;
            this.matchCache = matches.listing(name, releases);
        }

        boolean isTarget(Release r) {
            return !r.yanked() || pins.isPreferred(r.id());
        }

        boolean eligible(int i) {
            return isTarget(releases.get(i));
        }

        Package toPackage() {
            Candidate[] list = new Candidate[candidate.cardinality()];
            int n = 0;
            for (int i = candidate.nextSetBit(0); i >= 0; i = candidate.nextSetBit(i + 1)) {
                Release r = releases.get(i);
                list[n++] = new Candidate(r, isTarget(r), i);
            }
            return new Package(name, exists, Collections.unmodifiableList(Arrays.asList(list)), releases);
        }
    }

    /** Names of every loaded package. */
    public Set<PackageName> names() {
        return packages.keySet();
    }
}
