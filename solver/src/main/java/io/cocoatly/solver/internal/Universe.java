package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Interruption;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.model.VersionRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
     * its place in the package's listing, as {@link Matches.Target#matches} numbers releases; {@code edges}: per
     * dependency of the release, in order, the {@linkplain #met(int) id} of its package and range, or
     * {@link #FIXED} for an edge into the root or into the package itself (which loads nothing); shared
     * by the candidates of one package whose dependencies are equal, not to be modified.
     */
    public record Candidate(Release release, boolean target, int position, int[] edges) {
    }

    /** The id of an edge that no loaded package satisfies: into the root, or into its own package. */
    public static final int FIXED = -1;

    /**
     * One package as loaded: whether the registry has it, the registry's listing of it ({@code
     * releases}, shared, not to be modified), and its candidates ascending by version, as arrays over
     * them: each one's {@linkplain Candidate#position position} in the listing ({@code positions}), its
     * {@linkplain Candidate#edges edges} ({@code edges}), and whether it may not satisfy an edge ({@code
     * nonTargets}); none to be modified. Arrays rather than a record per candidate: the encoder reads
     * them for every candidate of every resolution, and making the records was a tenth of what a
     * resolution of the top-300 crates.io crates allocates. {@link #candidates()} gives them as records.
     */
    public record Package(PackageName name, boolean exists, List<Release> releases, int[] positions, int[][] edges,
                          BitSet nonTargets) {

        /** Its candidates ascending by version, each made when read (a view, not to be kept). */
        public List<Candidate> candidates() {
            return new java.util.AbstractList<>() {
                @Override
                public Candidate get(int i) {
                    return new Candidate(release(i), target(i), positions[i], edges[i]);
                }

                @Override
                public int size() {
                    return positions.length;
                }
            };
        }

        /** How many candidates it has. */
        public int size() {
            return positions.length;
        }

        /** The release of its candidate {@code i} (0 the oldest). */
        public Release release(int i) {
            return releases.get(positions[i]);
        }

        /** Whether its candidate {@code i} may satisfy dependency edges ({@link Candidate#target}). */
        public boolean target(int i) {
            return !nonTargets.get(i);
        }

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
    /** The packages in the order of {@link #packages()}: a package's place there is its {@code order}. */
    private final Package[] byOrder;
    /** Per range met on an edge, by id, the order of its package. */
    private final int[] metOrder;
    private final int loaded;
    /**
     * Every range met on an edge, by id, as the cache's target (its package, range and matches):
     * numbered as the loader meets them, so that the encoder keeps what it derives from one in an
     * array rather than a map (every edge of every candidate is looked up there).
     */
    private final List<Matches.Target> met;
    /** The root's requirements as loaded (none for a check). */
    private final List<Dependency> rootRequirements;
    /** Per root requirement, in order, the id of its range ({@link #FIXED} for one on the root itself). */
    private final int[] rootEdges;

    private Universe(Map<PackageName, Package> packages, Package[] byOrder, int[] metOrder, int loaded,
                     List<Matches.Target> met,
                     List<Dependency> rootRequirements, int[] rootEdges) {
        this.packages = packages;
        this.byOrder = byOrder;
        this.metOrder = metOrder;
        this.loaded = loaded;
        this.met = met;
        this.rootRequirements = rootRequirements;
        this.rootEdges = rootEdges;
    }

    /** How many ranges were met on edges: their ids are {@code 0..metCount() - 1}. */
    int metCount() {
        return met.size();
    }

    /** The range met on an edge with id {@code id} (see {@link Candidate#edges}). */
    Matches.Target met(int id) {
        return met.get(id);
    }

    /**
     * The place in {@link #packages()}'s order of the package of the range with id {@code id}: the
     * encoder reaches a range's package by it, in arrays, rather than by name through a map (a look-up
     * per range met, a visible part of encoding a large closure).
     */
    int metOrder(int id) {
        return metOrder[id];
    }

    /** The package at place {@code order} of {@link #packages()}'s order. */
    Package byOrder(int order) {
        return byOrder[order];
    }

    /**
     * Per requirement of the root, in the order given to {@link #forRoot}, the id of its range, or
     * {@link #FIXED} for one on the root's own package; empty for a check.
     */
    int[] rootEdges() {
        return rootEdges;
    }

    /** The root's requirements this universe was loaded for, in the order of {@link #rootEdges}. */
    List<Dependency> rootRequirements() {
        return rootRequirements;
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
        return p != null ? p : new Package(name, false, List.of(), new int[0], new int[0][], new BitSet());
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
        int[] rootEdges = new int[requirements.size()];
        for (int j = 0; j < rootEdges.length; j++) {
            rootEdges[j] = loader.follow(rootName, requirements.get(j));
        }
        return loader.run(requirements, rootEdges);
    }

    /** Loads every version of {@code roots} (yanked ones included) and what they reach. */
    public static Universe forCheck(PackageIndex index, Collection<PackageName> roots) {
        Loader loader = new Loader(index, null, Preferences.of(List.of(), VersionPolicy.ONE_PER_PACKAGE), new Matches());
        // Its cache is its own, read by no later resolution: compiling what it follows would be lost.
        loader.compile = false;
        for (PackageName name : roots) {
            loader.allVersions(name);
        }
        return loader.run(List.of(), new int[0]);
    }

    /**
     * The fixpoint computation; admitted releases wait in a queue until their edges are followed, so
     * deep graphs need no deep recursion.
     */
    private static final class Loader {
        private final PackageIndex index;
        private final PackageName rootName;
        /** The states by their listing, for a compiled target (whose listing a loader compares anyway). */
        private final Map<Matches.Listing, State> byListing = new IdentityHashMap<>();
        private final Preferences pinned;
        private final Matches matches;
        private final Map<PackageName, State> states = new HashMap<>();
        /** The states in the order they were made: a queued release names its package by this index. */
        private final List<State> stateList = new ArrayList<>();
        /**
         * The admitted releases whose edges are still to follow, as pairs (state index, position in its
         * listing) from {@code head} on: two ints each, no object per release.
         */
        private int[] queue = new int[64];
        private int head;
        private int tail;
        private final List<Matches.Target> met = new ArrayList<>();
        /** Per range met, by id, the index of its package's state. */
        private int[] metState = new int[64];
        /** Whether followed dependencies are kept compiled for later resolutions through the same cache. */
        private boolean compile = true;
        /** The target the last {@link #follow} met, or null when its edge was {@link #FIXED}. */
        private Matches.Target followed;

        Loader(PackageIndex index, PackageName rootName, Preferences pinned, Matches matches) {
            this.index = index;
            this.rootName = rootName;
            this.pinned = pinned;
            this.matches = matches;
        }

        /**
         * Admits the versions of {@code d}'s package that {@code d} of {@code from} may select; returns
         * the id of {@code d}'s package and range, or {@link #FIXED} for an edge into the root or
         * {@code from} itself.
         */
        int follow(PackageName from, Dependency d) {
            followed = null;
            if (d.name().equals(rootName) || d.name().equals(from)) {
                return FIXED;
            }
            State s = state(d.name());
            return follow(s, matches.target(s.matchCache, s.name, d.range()));
        }

        /**
         * As {@link #follow(PackageName, Dependency)} for a dependency compiled as {@code known} (null:
         * into the release's own package), without reading it.
         */
        int follow(Matches.Target known) {
            followed = null;
            if (known == null || known.name().equals(rootName)) {
                return FIXED;
            }
            // By the listing first, without hashing the name: the state made for it in this resolution.
            State s = byListing.get(known.listing());
            if (s != null) {
                return follow(s, known);
            }
            s = state(known.name());
            // The listing may have changed since it was compiled: then the range is matched anew.
            return follow(s, known.listing() == s.matchCache ? known : matches.target(s.matchCache, s.name, known.range()));
        }

        private int follow(State s, Matches.Target t) {
            followed = t;
            // Admitting is idempotent per range, and consecutive versions mostly repeat their ranges.
            // Keyed by the target, one object per equal range of the listing: found by identity.
            int known = s.rangeId(t);
            if (known >= 0) {
                return known;
            }
            BitSet matched = t.matches();
            int id = met.size();
            met.add(t);
            if (id == metState.length) {
                metState = Arrays.copyOf(metState, id * 2);
            }
            metState[id] = s.index;
            s.rangeId(t, id);
            for (int i = matched.nextSetBit(0); i >= 0; i = matched.nextSetBit(i + 1)) {
                if (!s.candidate.get(i) && s.eligible(i)) {
                    admit(s, i);
                }
            }
            return id;
        }

        /** The edges of a release whose dependencies an earlier resolution compiled. */
        private int[] followCompiled(Matches.Compiled compiled) {
            int[] edges = new int[compiled.targets.length];
            for (int j = 0; j < edges.length; j++) {
                edges[j] = follow(compiled.targets[j]);
            }
            return edges;
        }

        /**
         * The edges of the release at {@code position} of {@code s}, read from its dependencies, which
         * are then kept compiled for later resolutions unless one is into the root (an edge that
         * depends on the resolution: another root may have the name of a registry package).
         */
        private int[] followAndCompile(State s, int position) {
            List<Dependency> dependencies = s.releases.get(position).dependencies();
            int[] edges = new int[dependencies.size()];
            Matches.Target[] targets = new Matches.Target[edges.length];
            boolean rootless = true;
            for (int j = 0; j < edges.length; j++) {
                Dependency d = dependencies.get(j);
                edges[j] = follow(s.name, d);
                targets[j] = followed;
                rootless &= !d.name().equals(rootName);
            }
            if (rootless && compile) {
                s.matchCache.compile(position, new Matches.Compiled(targets));
            }
            return edges;
        }

        void allVersions(PackageName name) {
            State s = state(name);
            for (int i = 0; i < s.releases.size(); i++) {
                admit(s, i);
            }
        }

        Universe run(List<Dependency> rootRequirements, int[] rootEdges) {
            while (head < tail) {
                State s = stateList.get(queue[head]);
                int i = queue[head + 1];
                head += 2;
                // A release whose dependencies equal those of another followed in this resolution has
                // the same edges: the same ranges into the same packages, already admitted.
                int representative = s.matchCache.representative(i);
                int[] edges = s.edges(representative);
                if (edges == null) {
                    Matches.Compiled compiled = s.matchCache.compiled(representative);
                    edges = compiled != null ? followCompiled(compiled) : followAndCompile(s, representative);
                    s.edges(representative, edges);
                }
                s.edges(i, edges);
            }
            // Sorted once, then kept in a hash map that iterates in that order: the encoder walks the
            // packages several times and looks them up by name, both cheaper than through a tree.
            State[] sorted = stateList.toArray(new State[0]);
            Arrays.sort(sorted, (a, b) -> a.name.compareTo(b.name));
            Map<PackageName, Package> result = new LinkedHashMap<>(capacity(sorted.length));
            Package[] byOrder = new Package[sorted.length];
            int[] orderOfState = new int[sorted.length];
            for (int order = 0; order < sorted.length; order++) {
                State s = sorted[order];
                byOrder[order] = s.toPackage();
                orderOfState[s.index] = order;
                result.put(s.name, byOrder[order]);
            }
            int[] metOrder = new int[met.size()];
            for (int id = 0; id < metOrder.length; id++) {
                metOrder[id] = orderOfState[metState[id]];
            }
            return new Universe(Collections.unmodifiableMap(result), byOrder, metOrder, states.size(), met,
                    rootRequirements, rootEdges);
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
            if (tail == queue.length) {
                if (head > 0) {
                    System.arraycopy(queue, head, queue, 0, tail - head);
                    tail -= head;
                    head = 0;
                }
                if (tail == queue.length) {
                    queue = Arrays.copyOf(queue, queue.length * 2);
                }
            }
            queue[tail++] = s.index;
            queue[tail++] = i;
        }

        private State state(PackageName name) {
            State s = states.get(name);
            if (s == null) {
                // Reading a package may wait on a disk or the network: where a stop request is honoured.
                Interruption.check();
                s = new State(stateList.size(), name, index.find(name), pinned, matches);
                states.put(name, s);
                byListing.put(s.matchCache, s);
                stateList.add(s);
            }
            return s;
        }
    }

    /** Loading state of one package. */
    private static final class State {
        private static final int[] NO_RANGES = new int[0];
        /** Its place among the loader's states, in the order they were made. */
        final int index;
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
        /**
         * Per {@link Matches.Target#index} of a range met on an edge into the package, its id plus one
         * ({@link Universe#met}); 0 where none. An array, since a listing numbers its targets: an
         * identity map per package was a table of 64 slots and a probe per edge followed.
         */
        private int[] rangeIds = NO_RANGES;
        /**
         * The edges of the admitted releases, by position in the listing, as {@link Candidate#edges};
         * made when the first is followed (a package with no candidate has none). A slot per release:
         * keeping them in the order followed and sorting them by position instead was 7–28 % slower
         * on the median top-300 root (same-JVM alternating runs, three repetitions).
         */
        private int[][] edges;

        State(int index, PackageName name, Optional<PackageListing> listing, Preferences pins, Matches matches) {
            this.index = index;
            this.name = name;
            this.exists = listing.isPresent();
            this.releases = listing.map(PackageListing::releases).orElse(List.of());
            this.candidate = new BitSet(releases.size());
            this.pins = pins;
            this.matchCache = matches.listing(name, releases);
        }

        /** The id of range {@code t} into this package, or -1 when it was not met yet. */
        int rangeId(Matches.Target t) {
            return t.index() < rangeIds.length ? rangeIds[t.index()] - 1 : -1;
        }

        /** Records {@code id} as range {@code t}'s. */
        void rangeId(Matches.Target t, int id) {
            if (t.index() >= rangeIds.length) {
                rangeIds = Arrays.copyOf(rangeIds, Math.max(t.index() + 1, 2 * rangeIds.length));
            }
            rangeIds[t.index()] = id + 1;
        }

        /**
         * Whether the release at {@code i} may satisfy an edge: not yanked, or pinned. The yanked bit
         * first: reaching the release is a fetch from memory, needed only for a yanked one.
         */
        boolean eligible(int i) {
            return !matchCache.yanked(i) || pins.isPreferred(releases.get(i).id());
        }

        /**
         * Records the edges of the release at {@code position}, or of its representative (which may
         * be no candidate: only a candidate's are read when the package is made).
         */
        void edges(int position, int[] ids) {
            if (edges == null) {
                edges = new int[releases.size()][];
            }
            edges[position] = ids;
        }

        /** The edges recorded for the release at {@code position}, or null. */
        int[] edges(int position) {
            return edges == null ? null : edges[position];
        }

        Package toPackage() {
            int[] positions = new int[candidate.cardinality()];
            int[][] candidateEdges = new int[positions.length][];
            BitSet nonTargets = new BitSet();
            int n = 0;
            for (int i = candidate.nextSetBit(0); i >= 0; i = candidate.nextSetBit(i + 1)) {
                // A check admits every release; only an eligible one may satisfy an edge.
                if (!eligible(i)) {
                    nonTargets.set(n);
                }
                positions[n] = i;
                candidateEdges[n++] = edges[i];
            }
            return new Package(name, exists, releases, positions, candidateEdges, nonTargets);
        }
    }

    /** Names of every loaded package. */
    public Set<PackageName> names() {
        return packages.keySet();
    }
}
