package io.cocoatly.testkit;

import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageListing;
import io.cocoatly.model.PackageName;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Another {@link PackageIndex}'s answers, counting the names asked of it: for tests of what a
 * resolution reads. An action may run before each read, given that read's number (from 1), e.g. to
 * interrupt the reading thread at a chosen read. For one thread at a time.
 */
public final class CountingIndex implements PackageIndex {
    private final PackageIndex index;
    private final IntConsumer beforeRead;
    private int reads;

    /** Counts the reads of {@code index}. */
    public CountingIndex(PackageIndex index) {
        this(index, read -> { });
    }

    /** Counts the reads of {@code index}, running {@code beforeRead} with each read's number first. */
    public CountingIndex(PackageIndex index, IntConsumer beforeRead) {
        this.index = index;
        this.beforeRead = beforeRead;
    }

    /** How many names were asked so far. */
    public int reads() {
        return reads;
    }

    @Override
    public String name() {
        return index.name();
    }

    @Override
    public Optional<PackageListing> find(PackageName name) {
        beforeRead.accept(++reads);
        return index.find(name);
    }
}
