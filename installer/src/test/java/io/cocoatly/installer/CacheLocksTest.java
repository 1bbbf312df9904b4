package io.cocoatly.installer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases within one JVM: counted per entry, so two installs sharing an entry both keep it. */
class CacheLocksTest {

    @TempDir
    Path cache;

    private Path entry(char digit) {
        String hex = String.valueOf(digit).repeat(64);
        return cache.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    @Test
    void anEntryIsFreeOnlyWhenEveryLeaseOnItIsReleased() {
        Path a = entry('a');
        CacheLocks.Lease first = CacheLocks.shared(cache, a);
        CacheLocks.Lease second = CacheLocks.shared(cache, a);
        assertTrue(CacheLocks.tryExclusive(cache, a).isEmpty());
        first.close();
        assertTrue(CacheLocks.tryExclusive(cache, a).isEmpty(), "the second lease still holds it");
        Optional<CacheLocks.Lease> other = CacheLocks.tryExclusive(cache, entry('b'));
        assertTrue(other.isPresent(), "another entry is free");
        other.get().close();
        second.close();
        Optional<CacheLocks.Lease> evicting = CacheLocks.tryExclusive(cache, a);
        assertTrue(evicting.isPresent());
        assertTrue(CacheLocks.tryExclusive(cache, a).isEmpty(), "one evictor at a time");
        evicting.get().close();
    }
}
