package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionRange;
import java.util.AbstractList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which releases of a package each range matches, kept across the resolutions of one
 * {@link io.cocoatly.solver.Resolver}: the roots of a batch, or of a check, meet the same ranges over
 * the same listings again and again, and matching every release against a range was the largest single
 * cost of loading and encoding. An answer is reused only while the index hands out the very same
 * release list (identity, not equality), so a listing that changes is matched afresh; the cache is
 * dropped whole when it holds {@value #LIMIT} ranges, so it stays bounded whatever the index.
 *
 * <p>Each listing also knows, per release asked about, an earlier-asked release with an equal list of
 * dependencies ({@link Listing#representative}): three in four candidates of a crates.io resolution
 * repeat the requirements of another version of their package, and the loader follows such a list's
 * edges once per resolution instead of once per version. Once followed, a representative's
 * dependencies are kept {@linkplain Compiled compiled} to their {@link Target}s, so that later
 * resolutions read neither the release nor a range by value (−2.6 % over the top-300 crates.io
 * roots, interleaved in one JVM).
 */
public final class Matches {

    /** Ranges held at most, over all packages (a top-300 crates.io batch meets about 20,000). */
    static final int LIMIT = 100_000;

    private final Map<PackageName, Listing> listings = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * A range over one listing, with the positions of the releases it contains (not to be modified):
     * one object per listing and equal range, so that a loader keys what it met by the target itself,
     * by identity, without reading the range. Also what a universe numbers the ranges it met by
     * ({@link Universe#met}).
     */
    record Target(PackageName name, VersionRange range, Listing listing, BitSet matches, int index) {
    }

    /**
     * A release's dependencies as {@link Target}s, in order; null for one into the release's own
     * package. Final, so that a thread reading it through a race sees every element.
     */
    static final class Compiled {
        final Target[] targets;

        Compiled(Target[] targets) {
            this.targets = targets;
        }
    }

    /**
     * The matches of one listing's releases, by range, and each release's representative. Shared by
     * the threads of one resolver: a release's representative is the first one put for its list of
     * dependencies, the same for every thread.
     */
    static final class Listing {
        private final List<Release> releases;
        private final Map<VersionRange, Target> byRange = new ConcurrentHashMap<>();
        private final Map<List<Dependency>, Integer> byDependencies = new ConcurrentHashMap<>();
        /** The targets made over this listing so far: the next one's {@link Target#index}. */
        private final AtomicInteger targets = new AtomicInteger();
        /** Per position, its representative plus one; 0 where not asked yet. */
        private final int[] representatives;
        /**
         * Per representative position, its dependencies as targets, once a loader has followed them:
         * the next loader reads no dependency, and looks no range up by value. Threads may race on
         * it: a lost one is compiled again.
         */
        private Compiled[] compiled;

        /**
         * Per position, what {@link NewestSelection} learnt: bit 0 set when following the newest
         * releases from the release reaches a requirement that leaves out its package's newest
         * release (prereleases not allowed), bit 1 the same with them allowed; made when first set.
         * That holds whatever the root, so a later walk that meets the release stops there. Threads
         * may race on it: a bit lost only costs a walk that goes further.
         */
        private byte[] doomed;
        /** The positions of the yanked releases. */
        private final BitSet yanked;
        /** {@link Objectives#firstRanked} without and with prereleases allowed, once asked; else -2. */
        private final int[] firstRanked = {-2, -2};
        /**
         * The releases' versions, ascending as a {@link io.cocoatly.model.PackageListing}'s are, for
         * {@link VersionRange#matchesIn}: a view, since a binary search reads a few of them (an array
         * of them all, or a check that they ascend, read every release, and took what the search saved).
         */
        private final List<Version> ascending;

        Listing(List<Release> releases) {
            this.releases = releases;
            this.representatives = new int[releases.size()];
            this.yanked = new BitSet(releases.size());
            for (int i = 0; i < releases.size(); i++) {
                if (releases.get(i).yanked()) {
                    yanked.set(i);
                }
            }
            this.ascending = new AbstractList<>() {
                @Override
                public Version get(int index) {
                    return releases.get(index).version();
                }

                @Override
                public int size() {
                    return releases.size();
                }
            };
        }

        /** The releases this listing holds, ascending by version. */
        List<Release> releases() {
            return releases;
        }

        /** {@link Objectives#firstRanked} of these releases, computed once per setting. */
        int firstRanked(boolean allowPrereleases) {
            int flag = allowPrereleases ? 1 : 0;
            int known = firstRanked[flag];
            if (known == -2) {
                known = Objectives.firstRanked(releases, allowPrereleases);
                firstRanked[flag] = known;
            }
            return known;
        }

        /**
         * Whether the release at {@code position} is yanked: the loader asks of every version a range
         * admits, and reading the bit is cheaper than reaching the release (one object each, rarely in
         * the processor's cache).
         */
        boolean yanked(int position) {
            return yanked.get(position);
        }

        /** The dependencies of the release at {@code position} as compiled, or null. */
        Compiled compiled(int position) {
            Compiled[] known = compiled;
            return known == null ? null : known[position];
        }

        /** Keeps the dependencies of the release at {@code position} as compiled. */
        void compile(int position, Compiled c) {
            Compiled[] known = compiled;
            if (known == null) {
                known = new Compiled[releases.size()];
                compiled = known;
            }
            known[position] = c;
        }

        /** Whether {@link #doom} was called for {@code position} under this setting. */
        boolean doomed(int position, boolean allowPrereleases) {
            byte[] bits = doomed;
            return bits != null && (bits[position] & (allowPrereleases ? 2 : 1)) != 0;
        }

        /** Notes that the release at {@code position} leads a newest-release walk to a stale requirement. */
        void doom(int position, boolean allowPrereleases) {
            byte[] bits = doomed;
            if (bits == null) {
                bits = new byte[releases.size()];
                doomed = bits;
            }
            bits[position] |= (byte) (allowPrereleases ? 2 : 1);
        }

        /**
         * The position of a release whose dependencies equal, in order, those of the release at
         * {@code position}: the same for every position of equal dependencies, and the same each time.
         */
        int representative(int position) {
            int known = representatives[position];
            if (known == 0) {
                Integer first = byDependencies.putIfAbsent(releases.get(position).dependencies(), position);
                known = (first == null ? position : first) + 1;
                representatives[position] = known;
            }
            return known - 1;
        }
    }

    /** An empty cache, for one {@code Resolver}. */
    public Matches() {
    }

    /**
     * The cached matches of {@code releases}, the listing of {@code name} (a
     * {@link io.cocoatly.model.PackageListing}'s releases, ascending by version): for a caller that
     * asks of many ranges of one listing, to look the name up once. Still valid if the cache is
     * dropped meanwhile (its answers are then kept no longer than the handle).
     */
    Listing listing(PackageName name, List<Release> releases) {
        Listing listing = listings.get(name);
        if (listing == null || listing.releases != releases) {
            listing = new Listing(releases);
            listings.put(name, listing);
        }
        return listing;
    }

    /** {@code range} over {@code listing}, the listing of {@code name}: the same object for equal ranges. */
    Target target(Listing listing, PackageName name, VersionRange range) {
        Target found = listing.byRange.get(range);
        if (found == null) {
            BitSet matched = new BitSet(listing.releases.size());
            // A few comparisons per interval instead of one per release: the first resolution of a
            // root matches every range it meets.
            range.matchesIn(listing.ascending, matched);
            if (size.incrementAndGet() > LIMIT) {
                listings.clear();
                size.set(0);
            }
            Target made = new Target(name, range, listing, matched, listing.targets.getAndIncrement());
            found = listing.byRange.putIfAbsent(range, made);
            found = found == null ? made : found;
        }
        return found;
    }
}
