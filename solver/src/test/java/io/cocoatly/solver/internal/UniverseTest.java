package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the loader hands the encoder besides the packages by name: each range's package by its place in
 * the packages' order ({@link Universe#metOrder}, {@link Universe#byOrder}), and candidates admitted by
 * edges only where they may satisfy one (a yanked release only when pinned), read from the cached
 * listing's bits rather than from the releases.
 */
class UniverseTest {

    @Test
    void eachRangeNamesItsPackageByItsPlaceInTheOrder() {
        int ranges = 0;
        for (long seed = 1; seed <= 400; seed++) {
            RandomCase c = RandomCase.generate(seed, 12, seed % 2 == 0 ? VersionPolicy.SEMVER_MAJOR
                    : VersionPolicy.ONE_PER_PACKAGE);
            Manifest root = c.request().root();
            Universe u = Universe.forRoot(c.index(), root.name(), root.dependencies(),
                    Preferences.of(c.request().preferred(), c.request().policy()));
            List<Universe.Package> ordered = new ArrayList<>(u.packages().values());
            for (int order = 0; order < ordered.size(); order++) {
                assertSame(ordered.get(order), u.byOrder(order), "seed " + seed + ", place " + order);
            }
            for (int id = 0; id < u.metCount(); id++) {
                assertEquals(u.met(id).name(), u.byOrder(u.metOrder(id)).name(), "seed " + seed + ", range " + id);
                ranges++;
            }
        }
        assertTrue(ranges > 1_000, "the cases met too few ranges to say anything: " + ranges);
    }

    @Test
    void anEdgeAdmitsAYankedReleaseOnlyWhenItIsPinned() {
        int yanked = 0;
        int pinnedYanked = 0;
        // One cache for every case, as a resolver keeps it: a listing's bits must follow its own releases.
        Matches matches = new Matches();
        for (long seed = 1; seed <= 400; seed++) {
            RandomCase c = RandomCase.generate(seed, 12, VersionPolicy.SEMVER_MAJOR);
            Manifest root = c.request().root();
            Preferences preferred = Preferences.of(c.request().preferred(), c.request().policy());
            Universe u = Universe.forRoot(c.index(), root.name(), root.dependencies(), preferred, matches);
            for (Universe.Package p : u.packages().values()) {
                yanked += (int) p.releases().stream().filter(r -> r.yanked()).count();
                for (Universe.Candidate candidate : p.candidates()) {
                    PackageId id = candidate.release().id();
                    if (candidate.release().yanked()) {
                        assertTrue(preferred.isPreferred(id), "seed " + seed + ": " + id + " is yanked and not pinned");
                        pinnedYanked++;
                    }
                }
            }
        }
        assertTrue(yanked > 100, "the cases held too few yanked releases to say anything: " + yanked);
        assertTrue(pinnedYanked > 0, "no case pinned a yanked release");
    }
}
