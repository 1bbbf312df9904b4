package io.cocoatly.installer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link CacheCleanerTest}: takes the shared lease an installer holds on the
 * cache entry {@code args[1]} of the cache {@code args[0]}, says {@code held}, keeps it until a line
 * (or end of input) arrives on stdin, then releases it and says {@code released}.
 */
public final class CacheLeaseHolderMain {

    private CacheLeaseHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        ArtifactCache cache = new ArtifactCache(Path.of(args[0]));
        try (CacheLocks.Lease lease = cache.lease(Path.of(args[1]))) {
            System.out.println("held");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("released");
        System.out.flush();
    }
}
