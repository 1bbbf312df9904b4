package io.cocoatly.lockfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cocoatly.lockfile.LockfileDiff.Added;
import io.cocoatly.lockfile.LockfileDiff.Change;
import io.cocoatly.lockfile.LockfileDiff.Changed;
import io.cocoatly.lockfile.LockfileDiff.Removed;
import io.cocoatly.model.PackageId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips and canonical form over random consistent lockfiles. */
class LockfileProperties {

    @Provide
    Arbitrary<Lockfile> lockfiles() {
        return RandomLockfiles.lockfiles();
    }

    @Property(tries = 300)
    void readingWhatWasWrittenGivesTheSameLockfile(@ForAll("lockfiles") Lockfile lockfile) {
        byte[] bytes = LockfileWriter.toBytes(lockfile);
        Lockfile read = LockfileReader.parse(bytes, "random.json");
        assertEquals(lockfile, read);
        assertArrayEquals(bytes, LockfileWriter.toBytes(read));
    }

    @Property(tries = 200)
    void theOrderThingsAreGivenInDoesNotChangeTheBytes(@ForAll("lockfiles") Lockfile lockfile, @ForAll long seed) {
        Random random = new Random(seed);
        List<LockedPackage> packages = new ArrayList<>(lockfile.packages());
        Collections.shuffle(packages, random);
        List<List<PackageId>> order = new ArrayList<>();
        for (List<PackageId> group : lockfile.installOrder()) {
            List<PackageId> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            order.add(shuffled);
        }
        List<LockedSource> sources = new ArrayList<>(lockfile.sources());
        Collections.shuffle(sources, random);
        Lockfile same = new Lockfile(lockfile.format(), lockfile.manifest(), lockfile.resolver(), sources, packages, order);
        assertArrayEquals(LockfileWriter.toBytes(lockfile), LockfileWriter.toBytes(same));
    }

    @Property(tries = 300)
    void applyingTheDiffToTheOldPackagesGivesTheNewOnes(@ForAll("lockfiles") Lockfile before, @ForAll("lockfiles") Lockfile after) {
        LockfileDiff diff = LockfileDiff.between(before, after);
        TreeSet<PackageId> ids = new TreeSet<>(before.ids());
        for (Change change : diff.changes()) {
            if (change instanceof Added) {
                assertTrue(ids.add(((Added) change).id()));
            } else if (change instanceof Removed) {
                assertTrue(ids.remove(((Removed) change).id()));
            } else {
                Changed c = (Changed) change;
                assertTrue(ids.remove(new PackageId(c.name(), c.from())));
                assertTrue(ids.add(new PackageId(c.name(), c.to())));
            }
        }
        assertEquals(new TreeSet<>(after.ids()), ids);
        assertTrue(LockfileDiff.between(after, after).isEmpty());
    }
}
